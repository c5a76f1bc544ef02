import {
  CorrectiveActionRecord,
  IncidentRecord,
  TicketStatus,
  assessActions,
  assessIncident,
  severityOf,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IndexedEntity } from '../database/EntitySectionStore';
import { IncidentStore } from '../database/IncidentStore';
import { IncidentsStore, StoredTicketState, impactKey } from './IncidentsStore';
import { IncidentsConfig } from './readIncidentsConfig';

/** What the incident views and the collector read, for a set of entities. */
export interface IncidentRecords {
  incidents: IncidentRecord[];
  actions: CorrectiveActionRecord[];
  /** The stored ticket states, with their last errors. */
  tickets: Map<string, StoredTicketState>;
}

/**
 * The incident and action records of the given entities: incidents created
 * in `[from, to)` with their severities (from the configured maps), impact
 * starts and postmortem states, and every corrective action of their
 * postmortems with its ticket's stored state. Reads only the store.
 */
export async function readIncidentRecords(options: {
  paging: Pick<IncidentStore, 'listIncidentsBetween' | 'listIncidents'>;
  store: IncidentsStore;
  config: IncidentsConfig;
  entities: IndexedEntity[];
  from: string;
  to: string;
  now: string;
}): Promise<IncidentRecords> {
  const { store, config, entities, now } = options;
  const refs = entities.map(e => e.entityRef);
  const byRef = new Map(entities.map(e => [e.entityRef, e]));
  const incidents =
    entities.length === 1
      ? (
          await options.paging.listIncidents(refs[0], options.from, options.to)
        ).map(i => ({
          ...i,
          entityRef: refs[0],
        }))
      : (
          await options.paging.listIncidentsBetween(options.from, options.to)
        ).filter(i => byRef.has(i.entityRef));
  const [postmortems, impacts] = await Promise.all([
    store.listPostmortems(refs),
    store.readImpacts(refs),
  ]);
  const ticketKeys = [...postmortems.values()].flatMap(list =>
    list.flatMap(p => p.actions.flatMap(a => (a.ticket ? [a.ticket] : []))),
  );
  const tickets = await store.readTicketStates([...new Set(ticketKeys)]);
  const statuses = new Map<string, TicketStatus>();
  for (const [key, t] of tickets) {
    if (t.status) statuses.set(key, t.status);
  }
  const records = incidents.map(incident => {
    const entity = byRef.get(incident.entityRef)!;
    const impact = impacts.get(
      impactKey(incident.entityRef, incident.source, incident.id),
    );
    return assessIncident({
      entityRef: incident.entityRef,
      incident,
      severity: severityOf(incident, config.severity),
      sloImpactStartedAt: impact?.impactStartedAt ?? null,
      postmortems: postmortems.get(incident.entityRef) ?? [],
      policy: {
        requiredSeverities: config.requiredSeverities,
        slaBusinessDays: config.slaBusinessDays,
        calendar: config.calendarOf(entity.ownerRef),
      },
      now,
    });
  });
  const actions = entities.flatMap(entity =>
    assessActions({
      entityRef: entity.entityRef,
      postmortems: postmortems.get(entity.entityRef) ?? [],
      tickets: statuses,
      calendar: config.calendarOf(entity.ownerRef),
      stalledAfterDays: config.stalledAfterDays(entity.tier),
      now,
    }),
  );
  return { incidents: records, actions, tickets };
}
