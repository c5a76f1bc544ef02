/**
 * The anchors of docs/definitions.md, one per number the suite shows. A test
 * checks that each is a heading of that document.
 *
 * @public
 */
export const DEFINITION_ANCHORS = [
  'slo-windows',
  'sli',
  'error-ratio',
  'error-budget-consumed',
  'error-budget-remaining',
  'burn-rate',
  'burn-rate-alerts',
  'exhaustion-forecast',
  'slo-status',
  'entity-slo-status',
  'slo-history',
  'prometheus-compatible-backends',
  'alert-quality-windows',
  'pages',
  'response-time-statistics',
  'mtta',
  'mttr',
  'noise-candidates',
  'flapping-runs',
  'alert-noise-ratio',
  'noisiest-alerts',
  'off-hours-pages',
  'sleep-hours-pages',
  'pages-per-day',
  'pages-per-week',
  'pages-per-on-call-week',
  'escalations',
  'runbook-coverage',
  'toil',
  'interrupt-time',
  'trends',
  'readiness-item-state',
  'error-budget-policy',
  'deploy-gate',
  'readiness-status',
  'scorecard-check-state',
  'pushed-results',
  'scorecard-level',
  'scorecard-score',
  'scorecard-adoption',
  'fleet-kpis',
  'slo-attainment-rate',
  'burning-above-policy',
  'worst-budget-remaining',
  'fleet-alert-quality-averages',
  'readiness-coverage',
  'golden-path-adoption',
  'fleet-trends',
  'history-start',
  'iso-weeks',
  'weekly-review',
  'incident-severity',
  'sev0sev1-count',
  'mttd',
  'mttr-per-severity',
  'postmortem-sla',
  'postmortems-on-time',
  'actions-closed-on-time',
  'overdue-actions',
  'stalled-actions',
  'incident-kpi-periods',
  'fleet-incident-columns',
  'campaign-in-scope',
  'campaign-progress',
  'campaign-done-share',
  'campaign-due',
  'how-numbers-are-shown',
] as const;

/**
 * An anchor of docs/definitions.md.
 *
 * @public
 */
export type DefinitionAnchor = (typeof DEFINITION_ANCHORS)[number];

/**
 * Where the definitions are published when `reliability.definitionsUrl` is
 * not configured: the project's docs/definitions.md.
 *
 * @public
 */
export const DEFAULT_DEFINITIONS_URL =
  'https://github.com/reliability-kit/reliability-kit/blob/main/docs/definitions.md';

/** The link to one definition: the document's URL with the anchor. */
export function definitionHref(
  anchor: DefinitionAnchor,
  baseUrl: string = DEFAULT_DEFINITIONS_URL,
): string {
  return `${baseUrl.replace(/#.*$/, '')}#${anchor}`;
}
