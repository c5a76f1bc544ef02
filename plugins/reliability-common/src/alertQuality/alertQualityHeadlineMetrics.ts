import { MetricPolarity } from './computeTrend';

/**
 * The headline figures of alert quality and whether lower or higher is
 * better for each.
 *
 * @public
 */
export const ALERT_QUALITY_HEADLINE_POLARITY = {
  incidents: 'lower-is-better',
  pages: 'lower-is-better',
  mttaMedianMs: 'lower-is-better',
  mttaP90Ms: 'lower-is-better',
  mttrMedianMs: 'lower-is-better',
  mttrP90Ms: 'lower-is-better',
  noiseRatio: 'lower-is-better',
  autoResolved: 'lower-is-better',
  neverAcknowledged: 'lower-is-better',
  flappingIncidents: 'lower-is-better',
  offHoursPages: 'lower-is-better',
  sleepPages: 'lower-is-better',
  pagesPerOnCallWeek: 'lower-is-better',
  escalations: 'lower-is-better',
  interruptHoursPerWeek: 'lower-is-better',
  toilHoursPerWeek: 'lower-is-better',
  runbookCoverage: 'higher-is-better',
} as const satisfies Record<string, MetricPolarity>;

/**
 * A headline figure of alert quality.
 *
 * @public
 */
export type AlertQualityHeadlineMetric =
  keyof typeof ALERT_QUALITY_HEADLINE_POLARITY;
