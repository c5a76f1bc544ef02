import { createHash } from 'crypto';
import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import { escapeLabelValue } from '../providers/prometheus';
import { ReconstructedAlertRun } from './reconstructAlertRuns';

/**
 * The `severity` label values that make an alert a page (a high-urgency
 * incident), compared case-insensitively: `critical` (the Prometheus and
 * kube-prometheus convention for paging alerts) and `page` (the Google SRE
 * Workbook and Sloth convention). Everything else (`warning`, `ticket`,
 * `info`, no severity) is low urgency.
 *
 * @public
 */
export const DEFAULT_PAGE_SEVERITIES: readonly string[] = ['critical', 'page'];

/** Labels that describe the state of an alert, not which alert it is. */
const NON_IDENTIFYING = new Set(['__name__', 'alertname', 'alertstate']);
const MAX_ALERT_KEY_LENGTH = 500;

/**
 * The alert key of an alert: its `alertname` followed by its other
 * identifying labels (all but `alertstate`), sorted and formatted like
 * PromQL matchers, e.g. `CheckoutDown{service="checkout", severity="page"}`.
 * Every firing run of the same series has the same key, which is what
 * flapping detection groups by. Keys longer than 500 characters end in a
 * hash of the labels instead.
 *
 * @public
 */
export function alertKeyOf(labels: Record<string, string>): string {
  const name = labels.alertname ?? '';
  const parts = Object.keys(labels)
    .filter(k => !NON_IDENTIFYING.has(k))
    .sort()
    .map(k => `${k}="${escapeLabelValue(labels[k])}"`);
  const key = `${name}{${parts.join(', ')}}`;
  if (key.length <= MAX_ALERT_KEY_LENGTH) {
    return key;
  }
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `${name.slice(0, MAX_ALERT_KEY_LENGTH - 40)}{#${hash}}`;
}

/**
 * Fills a rule's summary template for one alert: `{{ $labels.name }}` and
 * `{{ .Labels.name }}` become the label's value. Returns undefined for a
 * blank summary or one with other template actions (such as `$value` or
 * functions), which cannot be rendered after the fact.
 *
 * @public
 */
export function renderAlertSummary(
  template: string | undefined,
  labels: Record<string, string>,
): string | undefined {
  if (typeof template !== 'string') {
    return undefined;
  }
  const rendered = template
    .replace(
      /\{\{-?\s*(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)\s*-?\}\}/g,
      (_, name: string) => labels[name] ?? '',
    )
    .trim();
  if (!rendered || rendered.includes('{{')) {
    return undefined;
  }
  return rendered;
}

/**
 * Options of {@link alertRunToIncident}.
 *
 * @public
 */
export interface AlertRunIncidentOptions {
  stepSeconds: number;
  /** Severities that page; default {@link DEFAULT_PAGE_SEVERITIES}. */
  pageSeverities?: readonly string[];
  /** The rule's summary annotation (a template), when known. */
  summary?: string;
  /** Set as the incident's `serviceId`, e.g. the alert-selector. */
  serviceId?: string;
  /**
   * The label whose value is kept as `severityLabel` (mapped to a severity
   * by `reliability.incidents.severity.alerts`); default `severity`.
   */
  severityLabel?: string;
}

/**
 * Turns a firing run of an `ALERTS` series into an incident. Pure.
 *
 * @remarks
 *
 * - `id`: a hash of the alert key plus the start time, stable across syncs;
 * - `title`: the alertname, plus `": "` and the rendered summary when known;
 * - `alertKey`: {@link alertKeyOf};
 * - `urgency`: `high` for a page severity, else `low`;
 * - `createdAt`: the first firing step;
 * - `resolvedAt`: the last firing step plus one step for a run that ended
 *   (status `resolved`); null for a run still firing at the end of the
 *   range (status `triggered`);
 * - `firstAcknowledgedAt`: always null. Alertmanager and Prometheus know
 *   no acknowledgement (a silence mutes notifications, it does not
 *   acknowledge), so these incidents have no MTTA.
 *
 * @public
 */
export function alertRunToIncident(
  run: ReconstructedAlertRun,
  options: AlertRunIncidentOptions,
): Incident {
  const alertKey = alertKeyOf(run.labels);
  const name = run.labels.alertname ?? alertKey;
  const summary = renderAlertSummary(options.summary, run.labels);
  const severity = (run.labels.severity ?? '').trim().toLowerCase();
  const pageSeverities = (
    options.pageSeverities ?? DEFAULT_PAGE_SEVERITIES
  ).map(s => s.toLowerCase());
  const hash = createHash('sha256').update(alertKey).digest('hex').slice(0, 20);
  const incident: Incident = {
    id: `${hash}-${Math.round(run.start)}`,
    source: 'alertmanager',
    title: summary ? `${name}: ${summary}` : name,
    alertKey,
    urgency: pageSeverities.includes(severity) ? 'high' : 'low',
    status: run.open ? 'triggered' : 'resolved',
    createdAt: isoOf(run.start),
    firstAcknowledgedAt: null,
    resolvedAt: run.open ? null : isoOf(run.last + options.stepSeconds),
    escalations: 0,
  };
  const severityValue = run.labels[options.severityLabel ?? 'severity'];
  if (severityValue) {
    incident.severityLabel = severityValue;
  }
  if (options.serviceId !== undefined) {
    incident.serviceId = options.serviceId;
  }
  return incident;
}

function isoOf(unixSeconds: number): string {
  return new Date(Math.round(unixSeconds * 1000)).toISOString();
}
