import {
  SloHistoryEntry,
  SloSnapshot,
  SloSpec,
  evaluateSlo,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { errorMessage } from './collectorErrors';
import type { SloEvaluationContext } from './SloCollectorOptions';
import { DAY_MS, dayStart } from './sloTime';

/** Days of history backfilled at least: the fleet's 12-week trend. */
const BACKFILL_MIN_DAYS = 12 * 7;

/**
 * On the first sight of a rolling-window spec SLO (no history stored),
 * backfills a history point per day of its window, and at least of the
 * last 12 weeks (both within the history retention), so the burn-down
 * chart and the fleet's weekly trend have a history from the start. Days
 * before the metrics begin come back as no data. Failures are logged, not
 * thrown.
 */
export async function backfillSloHistory(
  context: SloEvaluationContext,
  entityRef: string,
  snapshot: SloSnapshot,
  specs: SloSpec[],
  instance: string,
  now: Date,
): Promise<void> {
  const { store, provider, logger } = context.options;
  const spec = specs.find(s => s.id === snapshot.id);
  // First sight of a rolling-window spec SLO: backfill a point per day of
  // its window, so the burn-down chart has a history from the start.
  if (
    spec &&
    spec.window.kind === 'rolling' &&
    (await store.countSloHistory(entityRef, spec.id)) === 0
  ) {
    try {
      const windowMs = spec.window.ms;
      const days = Math.min(
        context.retentionDays,
        Math.max(Math.ceil(windowMs / DAY_MS), BACKFILL_MIN_DAYS),
      );
      const end = new Date(dayStart(now.getTime()) - 1);
      const start = new Date(end.getTime() - (days - 1) * DAY_MS);
      const range = await provider.measureRange({
        entityRef,
        slo: spec,
        instance,
        windowMs,
        start,
        end,
        stepSeconds: DAY_MS / 1000,
      });
      const points: SloHistoryEntry[] = range.map(({ at, measurement }) => {
        const evaluation = evaluateSlo({
          objective: spec.objective,
          window: spec.window,
          measurements: new Map([[windowMs, measurement]]),
          now: at,
        });
        return {
          at: at.toISOString(),
          objective: spec.objective,
          sli: evaluation.sli,
          budgetRemaining: evaluation.budgetRemaining,
          status: evaluation.status,
        };
      });
      await store.upsertSloHistory(entityRef, spec.id, points);
    } catch (error) {
      logger.warn(
        `Could not backfill the history of ${entityRef} SLO ${
          spec.id
        }: ${errorMessage(error)}`,
      );
    }
  }
}
