import {
  EntityProblem,
  Postmortem,
  TicketStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import { BATCH_SIZE, IN_LIST_SIZE } from '../database/batchSizes';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import {
  IncidentsStore,
  StoredImpact,
  StoredTicketState,
  impactKey,
} from './IncidentsStore';

const POSTMORTEMS = 'reliability_postmortems';
const TICKETS = 'reliability_ticket_states';
const IMPACTS = 'reliability_incident_impacts';
const STATE = 'reliability_incident_entity_state';

const inChunks = async <T, R>(
  values: T[] | undefined,
  read: (part: T[] | undefined) => Promise<R[]>,
): Promise<R[]> => {
  if (values === undefined) return read(undefined);
  const out: R[] = [];
  for (const part of chunk(values, IN_LIST_SIZE)) {
    out.push(...(await read(part)));
  }
  return out;
};

/**
 * The knex implementation of {@link IncidentsStore} (SQLite and
 * PostgreSQL; the tables come with the package's migrations).
 */
export class DatabaseIncidentsStore implements IncidentsStore {
  /** Connects and runs the package's migrations (under the shared lock). */
  static async create(options: {
    database: {
      getClient(): Promise<Knex>;
      migrations?: { skip?: boolean };
    };
  }): Promise<DatabaseIncidentsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await DatabaseReliabilityStore.migrate(client);
    }
    return new DatabaseIncidentsStore(client);
  }

  constructor(private readonly db: Knex) {}

  async replacePostmortems(
    entityRef: string,
    source: string,
    postmortems: Postmortem[],
    syncedAt: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(POSTMORTEMS).where({ entity_ref: entityRef, source }).delete();
      const rows = postmortems.map(p => ({
        entity_ref: entityRef,
        source,
        id: p.id.slice(0, 767),
        title: p.title,
        status: p.status,
        severity: p.severity?.slice(0, 255) ?? null,
        created_at: p.createdAt ?? null,
        published_at: p.publishedAt ?? null,
        incident_ids: JSON.stringify(p.incidentIds),
        actions: JSON.stringify(p.actions),
        url: p.url ?? null,
        synced_at: syncedAt,
      }));
      for (const part of chunk(rows, Math.floor(BATCH_SIZE / 4))) {
        await tx(POSTMORTEMS).insert(part);
      }
    });
  }

  async listPostmortems(
    entityRefs?: string[],
  ): Promise<Map<string, Postmortem[]>> {
    const rows = await inChunks(entityRefs, part => {
      const q = this.db(POSTMORTEMS).select();
      if (part) q.whereIn('entity_ref', part);
      return q.orderBy(['entity_ref', 'source', 'id']);
    });
    const out = new Map<string, Postmortem[]>();
    for (const r of rows) {
      const list = out.get(r.entity_ref) ?? [];
      list.push({
        id: r.id,
        source: r.source,
        title: r.title,
        incidentIds: JSON.parse(r.incident_ids),
        ...(r.severity ? { severity: r.severity } : {}),
        status: r.status,
        ...(r.created_at ? { createdAt: r.created_at } : {}),
        ...(r.published_at ? { publishedAt: r.published_at } : {}),
        actions: JSON.parse(r.actions),
        ...(r.url ? { url: r.url } : {}),
      });
      out.set(r.entity_ref, list);
    }
    return out;
  }

  async upsertTicketStates(
    provider: string,
    statuses: TicketStatus[],
    fetchedAt: string,
  ): Promise<void> {
    const rows = statuses.map(s => ({
      ticket: s.ticket.slice(0, 767),
      provider,
      state: s.state,
      status_name: s.statusName?.slice(0, 255) ?? null,
      closed_at: s.closedAt ?? null,
      url: s.url ?? null,
      fetched_at: fetchedAt,
      last_error: null,
      last_error_at: null,
    }));
    for (const part of chunk(rows, Math.floor(BATCH_SIZE / 4))) {
      await this.db(TICKETS).insert(part).onConflict('ticket').merge();
    }
  }

  async recordTicketError(
    provider: string,
    tickets: string[],
    error: string,
    at: string,
  ): Promise<void> {
    const rows = tickets.map(ticket => ({
      ticket: ticket.slice(0, 767),
      provider,
      last_error: error.slice(0, 2000),
      last_error_at: at,
    }));
    for (const part of chunk(rows, Math.floor(BATCH_SIZE / 4))) {
      await this.db(TICKETS)
        .insert(part)
        .onConflict('ticket')
        .merge(['provider', 'last_error', 'last_error_at']);
    }
  }

  async readTicketStates(
    tickets: string[],
  ): Promise<Map<string, StoredTicketState>> {
    const rows = await inChunks(tickets, part =>
      this.db(TICKETS).whereIn('ticket', part!).select(),
    );
    return new Map(
      rows.map(r => [
        r.ticket,
        {
          ticket: r.ticket,
          provider: r.provider,
          ...(r.state
            ? {
                status: {
                  ticket: r.ticket,
                  state: r.state,
                  ...(r.status_name ? { statusName: r.status_name } : {}),
                  closedAt: r.closed_at ?? null,
                  ...(r.url ? { url: r.url } : {}),
                },
              }
            : {}),
          ...(r.fetched_at ? { fetchedAt: r.fetched_at } : {}),
          ...(r.last_error ? { lastError: r.last_error } : {}),
          ...(r.last_error_at ? { lastErrorAt: r.last_error_at } : {}),
        },
      ]),
    );
  }

  async upsertImpacts(impacts: StoredImpact[]): Promise<void> {
    const rows = impacts.map(i => ({
      entity_ref: i.entityRef,
      source: i.source,
      incident_id: i.incidentId,
      impact_started_at: i.impactStartedAt,
      slo_id: i.sloId,
      computed_at: i.computedAt,
    }));
    for (const part of chunk(rows, Math.floor(BATCH_SIZE / 4))) {
      await this.db(IMPACTS)
        .insert(part)
        .onConflict(['entity_ref', 'source', 'incident_id'])
        .merge();
    }
  }

  async readImpacts(entityRefs?: string[]): Promise<Map<string, StoredImpact>> {
    const rows = await inChunks(entityRefs, part => {
      const q = this.db(IMPACTS).select();
      if (part) q.whereIn('entity_ref', part);
      return q;
    });
    return new Map(
      rows.map(r => [
        impactKey(r.entity_ref, r.source, r.incident_id),
        {
          entityRef: r.entity_ref,
          source: r.source,
          incidentId: r.incident_id,
          impactStartedAt: r.impact_started_at ?? null,
          sloId: r.slo_id ?? null,
          computedAt: r.computed_at,
        },
      ]),
    );
  }

  async writeEntityState(
    entityRef: string,
    state: { problems: EntityProblem[]; computedAt: string },
  ): Promise<void> {
    await this.db(STATE)
      .insert({
        entity_ref: entityRef,
        problems: JSON.stringify(state.problems),
        computed_at: state.computedAt,
      })
      .onConflict('entity_ref')
      .merge();
  }

  async readEntityState(
    entityRef: string,
  ): Promise<{ problems: EntityProblem[]; computedAt: string } | undefined> {
    const row = await this.db(STATE).where({ entity_ref: entityRef }).first();
    return row
      ? { problems: JSON.parse(row.problems), computedAt: row.computed_at }
      : undefined;
  }
}
