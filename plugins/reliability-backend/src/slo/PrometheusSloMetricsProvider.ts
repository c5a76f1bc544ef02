import { InputError } from '@backstage/errors';
import {
  MetricsBackendKind,
  SloMeasurement,
  SloSpec,
  hasWindowPlaceholder,
  renderQuery,
  toPromDuration,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  DiscoveredSloRangeRequest,
  SloMeasureRangeRequest,
  SloMeasureRequest,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import {
  PromInstantResult,
  PrometheusClient,
  escapeLabelValue,
} from '../providers/prometheus';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import {
  VectorQuery,
  discoverPyrra,
  discoverSloth,
} from './discoverRecordedSlos';

const PLAIN_SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}]*\})?$/;

type Quantity = { value: number | null; empty: boolean };

/**
 * Renders one of an SLO's queries for a window: Sloth-style templates get
 * their `{{.window}}` replaced; a plain counter selector is wrapped in
 * `increase()`; anything else cannot be measured over arbitrary windows.
 */
export function renderWindowQuery(
  query: string,
  windowMs: number,
  slo: SloSpec,
): string {
  return renderQueryForWindow(query, toPromDuration(windowMs), slo);
}

function renderQueryForWindow(
  query: string,
  window: string,
  slo: SloSpec,
): string {
  if (hasWindowPlaceholder(query)) {
    return `sum(${renderQuery(query, window)})`;
  }
  const trimmed = query.trim();
  if (PLAIN_SELECTOR.test(trimmed)) {
    return `sum(increase(${trimmed}[${window}]))`;
  }
  throw new InputError(
    `SLO "${slo.name}": the query "${trimmed}" must contain {{.window}} (e.g. sum(rate(x[{{.window}}]))) or be a plain counter selector`,
  );
}

/** The PromQL a measurement of `slo` over `windowMs` evaluates. */
export function measurementQueries(
  slo: SloSpec,
  windowMs: number,
): { kind: 'events' | 'ratio' | 'slices'; queries: string[] } {
  const ind = slo.indicator;
  if (slo.budgetingMethod === 'Timeslices' && slo.timeslice) {
    const w = toPromDuration(windowMs);
    const s = slo.timeslice.window;
    let value: string;
    let goodFilter: string;
    if (ind.kind === 'threshold') {
      const ops = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
      value = `(${ind.query})`;
      goodFilter = `${ops[ind.operator]} ${ind.value}`;
    } else if (ind.kind === 'ratio') {
      // Events of each slice: the same rendering as for whole windows, so
      // plain counter selectors become increase() over the slice.
      const total = renderQueryForWindow(ind.total, s, slo);
      value = ind.good
        ? `(${renderQueryForWindow(ind.good, s, slo)} / ${total})`
        : `(1 - ${renderQueryForWindow(ind.bad!, s, slo)} / ${total})`;
      goodFilter = `>= ${slo.timeslice.target}`;
    } else {
      value =
        ind.rawType === 'success'
          ? `(${renderQuery(ind.query, s)})`
          : `(1 - ${renderQuery(ind.query, s)})`;
      goodFilter = `>= ${slo.timeslice.target}`;
    }
    // Comparisons drop NaN samples, so 0/0 slices are not "with data".
    return {
      kind: 'slices',
      queries: [
        `sum(count_over_time((${value} ${goodFilter})[${w}:${s}]))`,
        `sum(count_over_time((${value} >= -Inf)[${w}:${s}]))`,
      ],
    };
  }
  if (ind.kind === 'ratio') {
    return {
      kind: 'events',
      queries: [
        renderWindowQuery(ind.good ?? ind.bad!, windowMs, slo),
        renderWindowQuery(ind.total, windowMs, slo),
      ],
    };
  }
  if (ind.kind === 'raw') {
    if (!hasWindowPlaceholder(ind.query)) {
      throw new InputError(
        `SLO "${slo.name}": a raw ratio query must contain {{.window}}`,
      );
    }
    return {
      kind: 'ratio',
      queries: [renderQuery(ind.query, toPromDuration(windowMs))],
    };
  }
  throw new InputError(
    `SLO "${slo.name}": a threshold indicator needs the Timeslices budgeting method`,
  );
}

function toMeasurement(
  slo: SloSpec,
  kind: 'events' | 'ratio' | 'slices',
  values: Quantity[],
): SloMeasurement | null {
  if (kind === 'ratio') {
    const v = values[0];
    if (v.empty || v.value === null) {
      return { kind: 'ratio', errorRatio: null };
    }
    const ratio =
      slo.indicator.kind === 'raw' && slo.indicator.rawType === 'success'
        ? 1 - v.value
        : v.value;
    return { kind: 'ratio', errorRatio: ratio };
  }
  const [first, second] = values.map(v => (v.empty ? 0 : v.value));
  if (first === null || second === null) {
    return null;
  }
  if (kind === 'slices') {
    return {
      kind: 'slices',
      good: Math.round(first ?? 0),
      withData: Math.round(second ?? 0),
    };
  }
  const ind = slo.indicator;
  return ind.kind === 'ratio' && ind.good
    ? { kind: 'events', good: first ?? 0, total: second ?? 0 }
    : { kind: 'events', bad: first ?? 0, total: second ?? 0 };
}

/**
 * The selector of a discovered SLO's recorded error ratio over `window`
 * (a Prometheus duration): Sloth's `slo:sli_error:ratio_rate<w>{sloth_id}`,
 * Pyrra's `<metric>:burnrate<w>{slo}` (an error ratio despite its name).
 */
function recordedRatioSelector(slo: DiscoveredSlo, window: string): string {
  return slo.origin === 'sloth'
    ? `slo:sli_error:ratio_rate${window}{sloth_id="${escapeLabelValue(
        slo.key,
      )}"}`
    : `{__name__=~".+:burnrate${window}", slo="${escapeLabelValue(slo.name)}"}`;
}

/** The times of a range request's points, in milliseconds. */
function stepsOf(request: {
  start: Date;
  end: Date;
  stepSeconds: number;
}): number[] {
  const times: number[] = [];
  const stepMs = request.stepSeconds * 1000;
  for (
    let t = request.start.getTime();
    t <= request.end.getTime();
    t += stepMs
  ) {
    times.push(t);
  }
  return times;
}

function scalarOf(result: PromInstantResult): Quantity {
  if (result.resultType === 'vector') {
    if (result.result.length === 0) return { value: null, empty: true };
    const sample = result.result[0];
    return { value: sample.value, empty: false };
  }
  if (result.resultType === 'scalar') {
    return { value: result.result.value, empty: false };
  }
  throw new InputError(
    `expected a single number, got a ${result.resultType} result`,
  );
}

/**
 * Measures SLOs on Prometheus-compatible APIs. Query-defined SLOs cost two
 * instant queries per window; recording-rule SLOs are discovered for the
 * whole fleet in a constant number of queries per instance, whatever their
 * number: eleven for Sloth, four more for Pyrra.
 */
export class PrometheusSloMetricsProvider implements SloMetricsProvider {
  readonly id = 'prometheus';
  private readonly clients: Map<string, PrometheusClient>;
  /** Upstream queries made, for benchmarks and logs. */
  queryCount = 0;

  constructor(
    clients: PrometheusClient[],
    private readonly options: { queryConcurrency?: number } = {},
  ) {
    this.clients = new Map(clients.map(c => [c.name, c]));
  }

  private client(instance: string | undefined): PrometheusClient {
    const client = instance
      ? this.clients.get(instance)
      : this.clients.values().next().value;
    if (!client) {
      throw new InputError(
        `No Prometheus instance "${instance}" is configured`,
      );
    }
    return client;
  }

  private async instant(
    client: PrometheusClient,
    query: string,
    at: Date,
    signal?: AbortSignal,
  ) {
    this.queryCount++;
    return client.instantQuery(query, { time: at, signal });
  }

  async measure(
    request: SloMeasureRequest,
  ): Promise<Map<number, SloMeasurement>> {
    const client = this.client(request.instance);
    const plans = request.windowsMs.map(w => ({
      w,
      ...measurementQueries(request.slo, w),
    }));
    const jobs = plans.flatMap(p => p.queries.map(q => ({ p, q })));
    const answers = await mapWithConcurrency(
      jobs,
      this.options.queryConcurrency ?? 4,
      async ({ q }) =>
        scalarOf(await this.instant(client, q, request.at, request.signal)),
    );
    const result = new Map<number, SloMeasurement>();
    let index = 0;
    for (const plan of plans) {
      const values = answers.slice(index, index + plan.queries.length);
      index += plan.queries.length;
      const measurement = toMeasurement(request.slo, plan.kind, values);
      if (measurement) result.set(plan.w, measurement);
    }
    return result;
  }

  async measureRange(
    request: SloMeasureRangeRequest,
  ): Promise<Array<{ at: Date; measurement: SloMeasurement | null }>> {
    const client = this.client(request.instance);
    const plan = measurementQueries(request.slo, request.windowMs);
    const series = await Promise.all(
      plan.queries.map(q => this.range(client, q, request)),
    );
    return stepsOf(request).map(t => {
      const values: Quantity[] = series.map(s =>
        s.has(t)
          ? { value: s.get(t)!, empty: false }
          : { value: null, empty: true },
      );
      return {
        at: new Date(t),
        measurement: toMeasurement(request.slo, plan.kind, values),
      };
    });
  }

  /**
   * A discovered SLO's recorded error ratio over a range (the largest when
   * several series match). NaN (no traffic) and missing samples are null.
   */
  async discoveredErrorRatioRange(
    request: DiscoveredSloRangeRequest,
  ): Promise<Array<{ at: Date; errorRatio: number | null }>> {
    const { slo } = request;
    const window = toPromDuration(request.windowMs);
    const query = `max(${recordedRatioSelector(slo, window)})`;
    const byTime = await this.range(this.client(slo.instance), query, request);
    return stepsOf(request).map(t => {
      const v = byTime.get(t);
      return {
        at: new Date(t),
        errorRatio: typeof v === 'number' && Number.isFinite(v) ? v : null,
      };
    });
  }

  /** One range query's first series, by time in milliseconds. */
  private async range(
    client: PrometheusClient,
    query: string,
    request: {
      start: Date;
      end: Date;
      stepSeconds: number;
      signal?: AbortSignal;
    },
  ): Promise<Map<number, number | null>> {
    this.queryCount++;
    const res = await client.rangeQuery(query, {
      start: request.start,
      end: request.end,
      step: request.stepSeconds,
      signal: request.signal,
    });
    const byTime = new Map<number, number | null>();
    for (const [t, v] of res.result[0]?.values ?? []) {
      byTime.set(Math.round(t * 1000), v);
    }
    return byTime;
  }

  async discover(options: {
    at: Date;
    signal?: AbortSignal;
  }): Promise<DiscoveredSlo[]> {
    const all: DiscoveredSlo[] = [];
    for (const client of this.clients.values()) {
      const vector: VectorQuery = async query => {
        const res = await this.instant(
          client,
          query,
          options.at,
          options.signal,
        );
        return res.resultType === 'vector' ? res.result : [];
      };
      all.push(
        ...(await discoverSloth(client.name, vector)),
        ...(await discoverPyrra(client.name, vector)),
      );
    }
    return all;
  }

  /** What serves an instance (its configured `kind`); undefined when unknown. */
  kindOf(instance: string): MetricsBackendKind | undefined {
    return this.clients.get(instance)?.kind;
  }

  /** Links to an SLO's one-hour error ratio in the instance's UI. */
  links(
    instance: string,
    slo: SloSpec | DiscoveredSlo,
  ): Array<{ title: string; url: string }> {
    const client = this.clients.get(instance);
    if (!client) return [];
    let expr: string;
    try {
      if ('origin' in slo) {
        expr = recordedRatioSelector(slo, '1h');
      } else {
        const plan = measurementQueries(slo, 60 * 60e3);
        const ind = slo.indicator;
        if (plan.kind !== 'events' || ind.kind !== 'ratio') {
          expr = plan.queries[0];
        } else if (ind.good) {
          expr = `1 - ${plan.queries[0]} / ${plan.queries[1]}`;
        } else {
          expr = `${plan.queries[0]} / ${plan.queries[1]}`;
        }
      }
    } catch {
      return [];
    }
    const url = `${client.uiUrl.replace(
      /\/+$/,
      '',
    )}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=0&g0.range_input=1d`;
    return [{ title: `Error ratio in ${instance}`, url }];
  }
}
