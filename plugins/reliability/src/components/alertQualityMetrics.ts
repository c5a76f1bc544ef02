import { AlertQualityHeadlineMetric } from '@reliability-kit/backstage-plugin-reliability-common';
import { DefinitionAnchor } from './DefinitionLink';
import {
  formatHours,
  formatNumber,
  formatResponseTime,
  formatShare,
} from './format';

/**
 * How a figure is shown: a count, a rate, a duration in milliseconds, a share
 * (0 to 1) or hours.
 */
export type MetricUnit = 'count' | 'rate' | 'duration' | 'share' | 'hours';

/**
 * What a figure of alert quality is, for people.
 */
export interface AlertQualityMetricDefinition {
  label: string;
  /** How it is computed, in a sentence. */
  description: string;
  unit: MetricUnit;
  /** Why the figure can be missing. */
  missingReason: string;
  /** Its heading in docs/definitions.md. */
  anchor: DefinitionAnchor;
}

/**
 * Formats a figure in its unit; a missing figure is `–`.
 */
export function formatMetric(
  unit: MetricUnit,
  value: number | null | undefined,
): string {
  switch (unit) {
    case 'duration':
      return formatResponseTime(value);
    case 'share':
      return formatShare(value);
    case 'hours':
      return formatHours(value);
    default:
      return formatNumber(value);
  }
}

/**
 * The headline figures of alert quality: labels, definitions and units.
 */
export const alertQualityMetrics: Record<
  AlertQualityHeadlineMetric,
  AlertQualityMetricDefinition
> = {
  pages: {
    anchor: 'pages',
    label: 'Pages',
    description: 'High-urgency incidents created in the window.',
    unit: 'count',
    missingReason: 'No incidents known',
  },
  incidents: {
    anchor: 'pages',
    label: 'Incidents',
    description: 'All incidents created in the window, any urgency.',
    unit: 'count',
    missingReason: 'No incidents known',
  },
  offHoursPages: {
    anchor: 'off-hours-pages',
    label: 'Off-hours pages',
    description:
      "Pages created outside the team's business hours (sleep hours included).",
    unit: 'count',
    missingReason: 'No incidents known',
  },
  sleepPages: {
    anchor: 'sleep-hours-pages',
    label: 'Sleep-hours pages',
    description: "Pages created in the team's sleep hours (22:00 to 07:00).",
    unit: 'count',
    missingReason: 'No incidents known',
  },
  pagesPerOnCallWeek: {
    anchor: 'pages-per-on-call-week',
    label: 'Pages per on-call week',
    description:
      'Pages per 168 hours of on-call time, from the on-call shifts of the paging provider.',
    unit: 'rate',
    missingReason: 'No on-call shifts known for the window',
  },
  escalations: {
    anchor: 'escalations',
    label: 'Escalations',
    description: 'Escalations of the incidents created in the window.',
    unit: 'count',
    missingReason: 'No incidents known',
  },
  mttaMedianMs: {
    anchor: 'mtta',
    label: 'MTTA median',
    description: 'Time from creation to first acknowledgement, median.',
    unit: 'duration',
    missingReason: 'Nothing was acknowledged in the window',
  },
  mttaP90Ms: {
    anchor: 'mtta',
    label: 'MTTA p90',
    description:
      'Time from creation to first acknowledgement, 90th percentile.',
    unit: 'duration',
    missingReason: 'Nothing was acknowledged in the window',
  },
  mttrMedianMs: {
    anchor: 'mttr',
    label: 'MTTR median',
    description: 'Time from creation to resolution, median.',
    unit: 'duration',
    missingReason: 'Nothing was resolved in the window',
  },
  mttrP90Ms: {
    anchor: 'mttr',
    label: 'MTTR p90',
    description: 'Time from creation to resolution, 90th percentile.',
    unit: 'duration',
    missingReason: 'Nothing was resolved in the window',
  },
  noiseRatio: {
    anchor: 'alert-noise-ratio',
    label: 'Noise ratio',
    description:
      'Noise candidates (auto-resolved without acknowledgement, or flapping) over all incidents.',
    unit: 'share',
    missingReason: 'No incidents in the window',
  },
  autoResolved: {
    anchor: 'noise-candidates',
    label: 'Auto-resolved',
    description:
      'Incidents never acknowledged and resolved on their own within the threshold.',
    unit: 'count',
    missingReason: 'No incidents known',
  },
  neverAcknowledged: {
    anchor: 'noise-candidates',
    label: 'Never acknowledged',
    description: 'Incidents nobody acknowledged, open or resolved.',
    unit: 'count',
    missingReason: 'No incidents known',
  },
  flappingIncidents: {
    anchor: 'flapping-runs',
    label: 'Flapping incidents',
    description:
      'Incidents in flapping runs: 3 or more incidents of the same alert within 24 hours.',
    unit: 'count',
    missingReason: 'No incidents known',
  },
  runbookCoverage: {
    anchor: 'runbook-coverage',
    label: 'Runbook coverage',
    description:
      'Alert rules with a runbook_url annotation over all alert rules of the entity.',
    unit: 'share',
    missingReason: 'No alert rules known for the window',
  },
  toilHoursPerWeek: {
    anchor: 'toil',
    label: 'Toil per week',
    description:
      'Self-reported toil plus interrupt time (acknowledgement to resolution of pages), per week.',
    unit: 'hours',
    missingReason: 'No toil known',
  },
  interruptHoursPerWeek: {
    anchor: 'interrupt-time',
    label: 'Interrupt time per week',
    description: 'Time from acknowledgement to resolution of pages, per week.',
    unit: 'hours',
    missingReason: 'No pages known',
  },
};
