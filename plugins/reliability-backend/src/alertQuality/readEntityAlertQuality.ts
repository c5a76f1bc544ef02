import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  AlertQualityReport,
  AlertQualityWindow,
  EntityAlertQuality,
  alertQualityWindowDays,
  computeAlertQuality,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { AlertSourcesDocument } from './AlertSourcesDocument';
import { TeamHours } from '../config/readTeamsConfig';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { Clock } from '../lib/Clock';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The owner ref of an entity (its first `ownedBy` relation). */
export function ownerOf(entity: Entity): string | undefined {
  return entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;
}

/**
 * The previous window is only comparable when incidents were synced for all
 * of it; otherwise its trends say `unknown` rather than "better".
 */
function withCompleteness(
  report: AlertQualityReport,
  dataSince: string | null,
): AlertQualityReport {
  if (
    !dataSince ||
    Date.parse(dataSince) <= Date.parse(report.previous.range.start)
  ) {
    return report;
  }
  const trends = Object.fromEntries(
    Object.entries(report.trends).map(([k, t]) => [
      k,
      { ...t, previous: null, delta: null, direction: 'unknown', better: null },
    ]),
  ) as AlertQualityReport['trends'];
  return { ...report, trends };
}

/** What {@link readEntityAlertQuality} reads with. */
export interface AlertQualityReadDeps {
  store: ReliabilityStore;
  hoursOf(ownerRef: string | undefined): TeamHours;
  autoResolveThresholdMs?: number;
  clock: Clock;
}

/**
 * The alert quality of an entity over `window`, computed from the store
 * (never an upstream): the answer of
 * `GET /entities/:kind/:namespace/:name/alert-quality`, also summarised by
 * the `get-entity-reliability-summary` action. The entity must already have
 * been read with the caller's credentials.
 */
export async function readEntityAlertQuality(
  deps: AlertQualityReadDeps,
  entity: Entity,
  entityRef: string,
  window: AlertQualityWindow,
): Promise<EntityAlertQuality> {
  const { store } = deps;
  const now = deps.clock.now();
  const days = alertQualityWindowDays(window);
  const sources = await store.readDocument<AlertSourcesDocument>(
    entityRef,
    'alertSources',
  );
  const toilItems = await store.listToilItems(entityRef);
  let report: AlertQualityReport | null = null;
  if (sources && (sources.pagingSource || sources.rules)) {
    // Two windows back, and a day more for time-zone alignment.
    // Only the current source's incidents: an entity that moved from the
    // demo provider to PagerDuty does not mix the two.
    const incidents = (
      await store.listIncidents(
        entityRef,
        new Date(now.getTime() - (2 * days + 1) * DAY_MS).toISOString(),
        now.toISOString(),
      )
    ).filter(i => i.source === sources.pagingSource);
    const hours = deps.hoursOf(ownerOf(entity));
    report = withCompleteness(
      computeAlertQuality({
        incidents,
        shifts: sources.shifts,
        rules: sources.rules ?? undefined,
        toilItems,
        window,
        now,
        businessHours: hours.businessHours,
        sleepHours: hours.sleepHours,
        autoResolveThresholdMs: deps.autoResolveThresholdMs,
      }),
      sources.dataSince,
    );
  }
  return {
    entityRef,
    window,
    pagingSource: sources?.pagingSource ?? null,
    demo: sources?.pagingSource === 'demo',
    report,
    firingAlerts: sources?.firingAlerts ?? [],
    toilItems,
    problems: sources?.problems ?? [],
    computedAt: sources?.computedAt ?? null,
    stale: sources?.stale ?? false,
    ...(sources?.staleReason ? { staleReason: sources.staleReason } : {}),
  };
}
