import {
  CorrectiveActionRecord,
  IncidentRecord,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IndexedEntity } from '../database/EntitySectionStore';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { compareKeys } from '../lib/compareKeys';
import {
  IncidentReviewSource,
  WeeklyIncidentReview,
} from '../fleet/weeklyIncidentReview';
import { IncidentsStore } from './IncidentsStore';
import { IncidentsConfig } from './readIncidentsConfig';
import { readIncidentRecords } from './readIncidentRecords';

const DAY_MS = 86_400_000;
/** Incidents this old at the end of the week can still have a late postmortem line. */
const POSTMORTEM_LOOKBACK_DAYS = 90;

/**
 * The weekly review's lines from incident and action records (assessed as
 * of the end of the week). Pure.
 */
export function incidentReviewOf(input: {
  incidents: IncidentRecord[];
  actions: CorrectiveActionRecord[];
  entities: IndexedEntity[];
  requiredSeverities: string[];
  from: string;
  to: string;
}): WeeklyIncidentReview {
  const { from, to } = input;
  const entities = new Map(input.entities.map(e => [e.entityRef, e]));
  const where = (entityRef: string) => ({
    entityRef,
    tier: entities.get(entityRef)?.tier ?? null,
    ownerRef: entities.get(entityRef)?.ownerRef ?? null,
  });
  const required = input.incidents.filter(
    i => i.severity !== null && input.requiredSeverities.includes(i.severity),
  );
  const major = required
    .filter(i => i.createdAt >= from && i.createdAt < to)
    .map(i => ({
      ...where(i.entityRef),
      id: i.id,
      title: i.title,
      severity: i.severity!,
      createdAt: i.createdAt,
      mttrMs: i.mttrMs,
    }))
    .sort(
      (a, b) =>
        compareKeys(a.createdAt, b.createdAt) ||
        compareKeys(a.entityRef, b.entityRef),
    );
  const postmortems: WeeklyIncidentReview['postmortems'] = [];
  for (const i of required) {
    const pm = i.postmortem;
    if (!pm) continue;
    const lateThisWeek =
      pm.state === 'late' &&
      pm.publishedAt !== null &&
      pm.publishedAt >= from &&
      pm.publishedAt < to;
    if (pm.state !== 'overdue' && !lateThisWeek) continue;
    postmortems.push({
      ...where(i.entityRef),
      incidentId: i.id,
      severity: i.severity!,
      state: pm.state === 'overdue' ? 'overdue' : 'late',
      status: pm.status,
      dueAt: pm.dueAt,
      publishedAt: pm.publishedAt,
    });
  }
  postmortems.sort(
    (a, b) =>
      compareKeys(a.dueAt, b.dueAt) ||
      compareKeys(a.entityRef, b.entityRef) ||
      compareKeys(a.incidentId, b.incidentId),
  );
  const overdueActions = input.actions
    .filter(a => a.overdueDays !== null)
    .map(a => ({
      ...where(a.entityRef),
      postmortemId: a.postmortemId,
      id: a.id,
      title: a.title,
      owner: a.owner ?? null,
      due: a.due ?? null,
      overdueDays: a.overdueDays!,
      stalled: a.stalled,
      ticket: a.ticket ?? null,
    }))
    .sort(
      (a, b) =>
        b.overdueDays - a.overdueDays ||
        compareKeys(a.entityRef, b.entityRef) ||
        compareKeys(a.id, b.id),
    );
  return {
    majorSeverities: input.requiredSeverities,
    major,
    postmortems,
    overdueActions,
  };
}

/**
 * The incidents feature's {@link IncidentReviewSource}: every indexed
 * entity's records, read through the paging and incidents stores.
 */
export function incidentReviewSource(options: {
  paging: Pick<
    ReliabilityStore,
    'listIncidentsBetween' | 'listIncidents' | 'listIndexedEntities'
  >;
  store: IncidentsStore;
  config: IncidentsConfig;
}): IncidentReviewSource {
  return {
    async readWeek(from, to, now) {
      const entities = await options.paging.listIndexedEntities();
      const records = await readIncidentRecords({
        paging: options.paging,
        store: options.store,
        config: options.config,
        entities,
        from: new Date(
          Date.parse(to) - POSTMORTEM_LOOKBACK_DAYS * DAY_MS,
        ).toISOString(),
        to,
        now,
      });
      return incidentReviewOf({
        ...records,
        entities,
        requiredSeverities: options.config.requiredSeverities,
        from,
        to,
      });
    },
  };
}
