import {
  computeBurnRateThresholds,
  formatPrometheusDuration,
  getErrorBudgetFraction,
  hasWindowPlaceholder,
  renderQuery,
  SLO_BURN_RATE_WINDOW_MS,
  SLO_BURN_RATE_WINDOWS,
  SloBurnRateAlertThreshold,
  SloSpec,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * A Prometheus recording or alerting rule.
 *
 * @public
 */
export interface PrometheusRule {
  /** The name of the series a recording rule writes. */
  record?: string;
  /** The name of an alerting rule. */
  alert?: string;
  /** The PromQL expression. */
  expr: string;
  /** How long an alert condition must hold before it fires. */
  for?: string;
  /** Labels added to the series or alert. */
  labels?: Record<string, string>;
  /** Annotations of the alert. */
  annotations?: Record<string, string>;
}

/**
 * A Prometheus rule group.
 *
 * @public
 */
export interface PrometheusRuleGroup {
  /** The group name. */
  name: string;
  /** The rules of the group. */
  rules: PrometheusRule[];
}

/**
 * A Prometheus rule file; serializes to YAML as is.
 *
 * @public
 */
export interface PrometheusRuleFile {
  /** The rule groups of the file. */
  groups: PrometheusRuleGroup[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LONGEST_ALERT_WINDOW_MS = SLO_BURN_RATE_WINDOW_MS['3d'];

// 15 significant digits: 0.999 stays 0.999, 1 - 0.999 becomes 0.001.
function formatNumber(value: number): string {
  return String(Number(value.toPrecision(15)));
}

function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(part => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function requireWindowPlaceholder(slo: SloSpec, query: string) {
  if (!hasWindowPlaceholder(query)) {
    throw new Error(
      `SLO "${slo.id}": query "${query}" has no {{.window}} placeholder; rules need one query per window`,
    );
  }
}

function errorRatioExpr(slo: SloSpec, window: string): string {
  const { indicator } = slo;
  switch (indicator.kind) {
    case 'ratio': {
      const numerator = indicator.bad ?? indicator.good;
      if (numerator === undefined) {
        throw new Error(`SLO "${slo.id}": ratio indicator needs good or bad`);
      }
      requireWindowPlaceholder(slo, numerator);
      requireWindowPlaceholder(slo, indicator.total);
      const ratio = `(${renderQuery(
        numerator,
        window,
      ).trim()})\n/\n(${renderQuery(indicator.total, window).trim()})`;
      return indicator.bad !== undefined
        ? `${ratio}\n`
        : `1 - (\n${ratio}\n)\n`;
    }
    case 'raw': {
      requireWindowPlaceholder(slo, indicator.query);
      const query = `(${renderQuery(indicator.query, window).trim()})`;
      return indicator.rawType === 'failure' ? `${query}\n` : `1 - ${query}\n`;
    }
    default:
      throw new Error(
        `SLO "${slo.id}": Prometheus rules can only be generated for ratio SLOs, not ${indicator.kind} indicators`,
      );
  }
}

/**
 * Generates Sloth-compatible Prometheus rules for a ratio SLO with a rolling
 * window: SLI error-ratio recording rules per alert window
 * (`slo:sli_error:ratio_rate5m` ... `ratio_rate3d`) and for the SLO window
 * (e.g. `slo:sli_error:ratio_rate30d`), metadata rules
 * (`slo:objective:ratio`, `slo:error_budget:ratio`, burn rates, remaining
 * budget), and the multiwindow, multi-burn-rate page and ticket alerts with
 * thresholds scaled to the SLO window (14.4/6/3/1 for 30d). Rules carry the
 * labels `sloth_service`, `sloth_slo` (the SLO id) and `sloth_id`
 * (`<service>-<slo id>`) so Sloth's dashboards work with them.
 *
 * @throws Error for SLOs that cannot be expressed this way: no service,
 * threshold indicators, Timeslices budgeting, calendar windows, windows of
 * 3 days or less, or queries without `{{.window}}`.
 * @public
 */
export function generateSlothRules(
  slo: SloSpec,
  options: { service?: string } = {},
): PrometheusRuleFile {
  const service = slo.service ?? options.service;
  if (!service) {
    throw new Error(
      `SLO "${slo.id}": a service name is needed for Sloth rules`,
    );
  }
  if (slo.budgetingMethod !== 'Occurrences') {
    throw new Error(
      `SLO "${slo.id}": Sloth rules need the Occurrences budgeting method, not ${slo.budgetingMethod}`,
    );
  }
  if (slo.window.kind !== 'rolling') {
    throw new Error(
      `SLO "${slo.id}": Sloth rules need a rolling window, not a calendar ${slo.window.unit}`,
    );
  }
  if (slo.window.ms <= LONGEST_ALERT_WINDOW_MS) {
    throw new Error(
      `SLO "${slo.id}": the window ${slo.window.duration} must be longer than 3d, the longest alert window`,
    );
  }
  const budget = getErrorBudgetFraction(slo.objective);
  const period = formatPrometheusDuration(slo.window.ms);
  const slothId = `${service}-${slo.id}`;
  const ids: Record<string, string> = {
    sloth_id: slothId,
    sloth_service: service,
    sloth_slo: slo.id,
  };
  const labels = { ...slo.labels, ...ids };
  const selector = `{${Object.entries(ids)
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(', ')}}`;
  const series = (window: string) =>
    `slo:sli_error:ratio_rate${window}${selector}`;

  const sliRules: PrometheusRule[] = SLO_BURN_RATE_WINDOWS.map(window => ({
    record: `slo:sli_error:ratio_rate${window}`,
    expr: errorRatioExpr(slo, window),
    labels: { ...labels, sloth_window: window },
  }));
  sliRules.push({
    record: `slo:sli_error:ratio_rate${period}`,
    expr:
      `sum_over_time(${series('5m')}[${period}])\n` +
      `/ ignoring (sloth_window)\n` +
      `count_over_time(${series('5m')}[${period}])\n`,
    labels: { ...labels, sloth_window: period },
  });

  const budgetSeries = `slo:error_budget:ratio${selector}`;
  const metaRules: PrometheusRule[] = [
    {
      record: 'slo:objective:ratio',
      expr: `vector(${formatNumber(slo.objective)})`,
      labels,
    },
    {
      record: 'slo:error_budget:ratio',
      expr: `vector(${formatNumber(budget)})`,
      labels,
    },
    {
      record: 'slo:time_period:days',
      expr: `vector(${formatNumber(slo.window.ms / DAY_MS)})`,
      labels,
    },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: `${series(
        '5m',
      )}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\n${budgetSeries}\n`,
      labels,
    },
    {
      record: 'slo:period_burn_rate:ratio',
      expr: `${series(
        period,
      )}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\n${budgetSeries}\n`,
      labels,
    },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - slo:period_burn_rate:ratio${selector}`,
      labels,
    },
    {
      record: 'sloth_slo_info',
      expr: 'vector(1)',
      labels: {
        ...labels,
        sloth_spec: 'prometheus/v1',
        sloth_mode: 'reliability-kit',
      },
    },
  ];

  const groups: PrometheusRuleGroup[] = [
    { name: `sloth-slo-sli-recordings-${slothId}`, rules: sliRules },
    { name: `sloth-slo-meta-recordings-${slothId}`, rules: metaRules },
  ];

  const thresholds = computeBurnRateThresholds(slo.window.ms);
  const condition = (t: SloBurnRateAlertThreshold) => {
    const limit = `(${formatNumber(t.threshold)} * ${formatNumber(budget)})`;
    return (
      `(\n` +
      `    (${series(t.shortWindow)} > ${limit})\n` +
      `    and ignoring (sloth_window)\n` +
      `    (${series(t.longWindow)} > ${limit})\n` +
      `)`
    );
  };
  const alertName =
    slo.alerting?.name ??
    `${/^[A-Za-z]/.test(pascalCase(slo.id)) ? '' : 'Slo'}${pascalCase(
      slo.id,
    )}SloBurnRate`;
  const objectivePercent = formatNumber(slo.objective * 100);
  const alertRules: PrometheusRule[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const config = slo.alerting?.[severity];
    if (config?.disabled) {
      continue;
    }
    const expr = thresholds
      .filter(t => t.severity === severity)
      .map(condition)
      .join('\nor ignoring (sloth_window)\n');
    alertRules.push({
      alert: alertName,
      expr: `${expr}\n`,
      labels: {
        ...slo.alerting?.labels,
        ...config?.labels,
        sloth_severity: severity,
      },
      annotations: {
        title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}}: SLO error budget is burning too fast`,
        summary: `SLO "${
          slo.displayName ?? slo.name
        }" (${objectivePercent}% over ${period}) burns its error budget faster than the ${severity} burn-rate thresholds allow.`,
        ...slo.alerting?.annotations,
        ...config?.annotations,
      },
    });
  }
  if (alertRules.length) {
    groups.push({ name: `sloth-slo-alerts-${slothId}`, rules: alertRules });
  }
  return { groups };
}
