import { DurationStats, computeDurationStats } from './computeDurationStats';
import { NormalizedIncident, normalizeIncidents } from './normalizeIncidents';
import { Incident, ResponseTimeScope } from './types';

/**
 * Mean time to acknowledge and to resolve.
 *
 * @public
 */
export interface ResponseTimes {
  /** Which incidents the statistics are computed over. */
  scope: ResponseTimeScope;
  /**
   * `firstAcknowledgedAt - createdAt` over the acknowledged incidents in
   * scope. Never-acknowledged incidents are left out (not read as 0).
   */
  mtta: DurationStats;
  /**
   * `resolvedAt - createdAt` over the resolved incidents in scope. Still open
   * incidents are left out.
   */
  mttr: DurationStats;
}

/** @internal */
export function responseTimesOf(
  incidents: NormalizedIncident[],
  scope: ResponseTimeScope,
): ResponseTimes {
  const inScope =
    scope === 'pages' ? incidents.filter(i => i.isPage) : incidents;
  const ackDurations: number[] = [];
  const resolveDurations: number[] = [];
  for (const i of inScope) {
    if (i.ackMs !== null) {
      ackDurations.push(i.ackMs - i.createdMs);
    }
    if (i.resolvedMs !== null) {
      resolveDurations.push(i.resolvedMs - i.createdMs);
    }
  }
  return {
    scope,
    mtta: computeDurationStats(ackDurations),
    mttr: computeDurationStats(resolveDurations),
  };
}

/**
 * MTTA and MTTR (median, p90, mean, n) of the given incidents. `scope`
 * `pages` (the default and the headline) uses high-urgency incidents only;
 * `all` uses every incident. Negative durations (acknowledged or resolved
 * before created) are left out and counted in `dataQualityIssues`. Incidents
 * whose `createdAt` cannot be read are ignored; the caller selects the
 * window.
 *
 * @public
 */
export function computeResponseTimes(
  incidents: Incident[],
  options: { scope?: ResponseTimeScope } = {},
): ResponseTimes {
  return responseTimesOf(
    normalizeIncidents(incidents).valid,
    options.scope ?? 'pages',
  );
}
