import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { BATCH_SIZE, upsertInBatches } from './batchSizes';
import { IncidentStore, PagingSyncState } from './IncidentStore';

type IncidentRow = {
  source: string;
  id: string;
  entity_ref: string;
  service_id: string | null;
  title: string;
  alert_key: string | null;
  urgency: string;
  status: string;
  created_at: string;
  first_acknowledged_at: string | null;
  resolved_at: string | null;
  escalations: number;
  synced_at: string;
  priority?: string | null;
  major?: boolean | number | null;
  severity_label?: string | null;
  severity?: string | null;
  impact_started_at?: string | null;
};

function incidentOf(r: IncidentRow): Incident {
  return {
    id: r.id,
    source: r.source,
    ...(r.service_id ? { serviceId: r.service_id } : {}),
    title: r.title,
    alertKey: r.alert_key,
    urgency: r.urgency as Incident['urgency'],
    status: r.status as Incident['status'],
    createdAt: r.created_at,
    firstAcknowledgedAt: r.first_acknowledged_at,
    resolvedAt: r.resolved_at,
    escalations: Number(r.escalations),
    ...(r.priority ? { priority: r.priority } : {}),
    ...(r.major ? { major: true } : {}),
    ...(r.severity_label ? { severityLabel: r.severity_label } : {}),
    ...(r.severity ? { severity: r.severity } : {}),
    ...(r.impact_started_at ? { impactStartedAt: r.impact_started_at } : {}),
  };
}

const short = (value: string | null | undefined) =>
  value ? value.slice(0, 255) : null;

/**
 * The knex implementation of {@link IncidentStore}.
 */
export class DatabaseIncidentStore implements IncidentStore {
  constructor(private readonly db: Knex) {}

  async upsertIncidents(
    entityRef: string,
    incidents: Incident[],
    syncedAt: string,
  ): Promise<void> {
    const rows: IncidentRow[] = incidents.map(i => ({
      source: i.source,
      id: i.id,
      entity_ref: entityRef,
      service_id: i.serviceId ?? null,
      title: i.title.slice(0, 10_000),
      alert_key: i.alertKey ? i.alertKey.slice(0, 512) : null,
      urgency: i.urgency,
      status: i.status,
      created_at: i.createdAt,
      first_acknowledged_at: i.firstAcknowledgedAt ?? null,
      resolved_at: i.resolvedAt ?? null,
      escalations: i.escalations ?? 0,
      synced_at: syncedAt,
      priority: short(i.priority),
      major: i.major === undefined ? null : i.major,
      severity_label: short(i.severityLabel),
      severity: short(i.severity),
      impact_started_at: i.impactStartedAt ?? null,
    }));
    await this.db.transaction(tx =>
      upsertInBatches(
        tx,
        'reliability_incidents',
        rows,
        ['entity_ref', 'source', 'id'],
        BATCH_SIZE / 2,
      ),
    );
  }

  async listIncidents(
    entityRef: string,
    from: string,
    to: string,
  ): Promise<Incident[]> {
    const rows = await this.db<IncidentRow>('reliability_incidents')
      .where('entity_ref', entityRef)
      .andWhere('created_at', '>=', from)
      .andWhere('created_at', '<', to)
      .orderBy('created_at');
    return rows.map(incidentOf);
  }

  async listIncidentsBetween(
    from: string,
    to: string,
  ): Promise<Array<Incident & { entityRef: string }>> {
    const rows = await this.db<IncidentRow>('reliability_incidents')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select()
      .orderBy(['created_at', 'entity_ref', 'id']);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      ...incidentOf(r),
    }));
  }

  async earliestIncident(entityRef: string): Promise<string | undefined> {
    const row = await this.db('reliability_incidents')
      .where('entity_ref', entityRef)
      .min({ first: 'created_at' })
      .first();
    return row?.first ?? undefined;
  }

  async pruneIncidents(before: string): Promise<number> {
    return this.db('reliability_incidents')
      .where('created_at', '<', before)
      .delete();
  }

  async getPagingSync(
    entityRef: string,
    source: string,
  ): Promise<PagingSyncState | undefined> {
    const row = await this.db('reliability_paging_sync')
      .where({ entity_ref: entityRef, source })
      .first();
    if (!row) return undefined;
    return {
      ...(row.cursor ? { cursor: row.cursor } : {}),
      ...(row.synced_at ? { syncedAt: row.synced_at } : {}),
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.last_error_at ? { lastErrorAt: row.last_error_at } : {}),
    };
  }

  async recordPagingSync(
    entityRef: string,
    source: string,
    state: { cursor: string; syncedAt: string },
  ): Promise<void> {
    await this.db('reliability_paging_sync')
      .insert({
        entity_ref: entityRef,
        source,
        cursor: state.cursor,
        synced_at: state.syncedAt,
        last_error: null,
        last_error_at: null,
      })
      .onConflict(['entity_ref', 'source'])
      .merge();
  }

  async recordPagingSyncError(
    entityRef: string,
    source: string,
    error: string,
    at: string,
  ): Promise<void> {
    await this.db('reliability_paging_sync')
      .insert({
        entity_ref: entityRef,
        source,
        last_error: error,
        last_error_at: at,
      })
      .onConflict(['entity_ref', 'source'])
      .merge(['last_error', 'last_error_at']);
  }
}
