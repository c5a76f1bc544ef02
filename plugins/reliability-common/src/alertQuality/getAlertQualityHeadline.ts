import type { AlertQualitySnapshot } from './alertQualityReport';
import type { AlertQualityHeadlineMetric } from './alertQualityHeadlineMetrics';

/**
 * The headline figures of one window. MTTA and MTTR follow the snapshot's
 * response time scope (pages by default). `null` where a figure cannot be
 * computed.
 *
 * @public
 */
export function getAlertQualityHeadline(
  snapshot: AlertQualitySnapshot,
): Record<AlertQualityHeadlineMetric, number | null> {
  const { mtta, mttr } = snapshot.responseTimes;
  return {
    incidents: snapshot.incidents,
    pages: snapshot.pages,
    mttaMedianMs: mtta.medianMs,
    mttaP90Ms: mtta.p90Ms,
    mttrMedianMs: mttr.medianMs,
    mttrP90Ms: mttr.p90Ms,
    noiseRatio: snapshot.noise.noiseRatio,
    autoResolved: snapshot.noise.autoResolved,
    neverAcknowledged: snapshot.noise.neverAcknowledged,
    flappingIncidents: snapshot.noise.flappingIncidents,
    offHoursPages: snapshot.pageTimes.offHours,
    sleepPages: snapshot.pageTimes.sleep,
    pagesPerOnCallWeek: snapshot.onCall.pagesPerOnCallWeek,
    escalations: snapshot.escalations,
    interruptHoursPerWeek: snapshot.toil.interruptHoursPerWeek,
    toilHoursPerWeek: snapshot.toil.toilHoursPerWeek,
    runbookCoverage: snapshot.runbookCoverage?.coverage ?? null,
  };
}
