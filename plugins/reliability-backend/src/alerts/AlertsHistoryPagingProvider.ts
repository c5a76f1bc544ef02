import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  Incident,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingIncidentsRequest,
  PagingOnCallRequest,
  PagingProvider,
  PagingServiceRef,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import {
  LabelMatcher,
  PROMETHEUS_MAX_POINTS_PER_SERIES,
  PromRuleGroup,
  PromSeries,
  PrometheusClient,
  formatLabelMatchers,
  matchesLabels,
} from '../providers/prometheus';
import {
  DEFAULT_PAGE_SEVERITIES,
  alertRunToIncident,
} from './alertRunToIncident';
import { fetchAlertRules } from './loadEntityAlertRules';
import { parseAlertSelector } from './parseAlertSelector';
import {
  AlertRun,
  ReconstructedAlertRun,
  reconstructAlertRuns,
} from './reconstructAlertRuns';
import { findAlertRule } from './selectAlertRules';

/**
 * Options of {@link AlertsHistoryPagingProvider.create}.
 *
 * @public
 */
export interface AlertsHistoryPagingProviderOptions {
  /**
   * The Prometheus-compatible instances that hold the `ALERTS` series (the
   * ones the alerting rules run on). `services.account` names one; the
   * first is the default.
   */
  clients: PrometheusClient[];
  logger?: LoggerService;
  /**
   * The step of the reconstruction, in seconds: incident times are exact to
   * one step. It must be at least the rules' evaluation interval. Default 60.
   */
  stepSeconds?: number;
  /**
   * How much of the already-synced range an incremental sync reads again,
   * in seconds, so that late samples still extend or close runs. Default
   * 600 (10 minutes).
   */
  overlapSeconds?: number;
  /**
   * How far before `since` a first sync reads, in seconds, so that a run
   * already firing at `since` is recognised as created before it (and left
   * out) rather than reported as created at `since`. Default 86 400 (1 day).
   */
  lookbackSeconds?: number;
  /**
   * The most points per series of one range query; longer ranges are split
   * into consecutive chunks. Default 10 000, at most 11 000 (Prometheus'
   * limit).
   */
  maxPointsPerQuery?: number;
  /** Severities that page; default {@link DEFAULT_PAGE_SEVERITIES}. */
  pageSeverities?: readonly string[];
  /** The label kept as each incident's `severityLabel`; default `severity`. */
  severityLabel?: string;
  /**
   * Add the rule's summary to incident titles, from the rules API (one
   * request per instance per `rulesCacheTtlMs`). Default true.
   */
  titlesFromRules?: boolean;
  /** How long fetched rules are reused, in milliseconds. Default 60 000. */
  rulesCacheTtlMs?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** What a cursor of this provider holds (JSON, opaque to callers). */
interface AlertsHistoryCursor {
  v: 1;
  instance: string;
  step: number;
  /** The selectors, sorted. */
  selectors: string[];
  /** Unix seconds of the last step read. */
  syncedThrough: number;
  /** Runs that may still be extended by the next sync. */
  runs: AlertRun[];
}

const CURSOR_VERSION = 1;

/**
 * A paging provider (id `alertmanager`) for entities that page through
 * Prometheus and Alertmanager rather than PagerDuty: incidents are rebuilt
 * from the `ALERTS{alertstate="firing"}` series that Prometheus' rule
 * manager records for every firing alert.
 *
 * @remarks
 *
 * `services.serviceIds` carries alert-selectors (the value of the
 * `reliability-kit.io/alert-selector` annotation, e.g.
 * `service="checkout"`), not PagerDuty ids; several selectors are combined
 * with `or`. `services.account` names the Prometheus instance (as
 * `reliability-kit.io/prometheus-instance` does); the first configured one
 * by default. Build the reference with {@link alertsHistoryServiceRef}.
 *
 * Each contiguous firing run of one series (one label set) is one incident;
 * see `reconstructAlertRuns` for how runs are cut and `alertRunToIncident`
 * for the fields. The range is read with a fixed step (60 s by default)
 * on a grid of multiples of the step, split into chunks of at most
 * `maxPointsPerQuery` points; chunks never split a run.
 *
 * A sync returns the incidents created in `[since, until)`. With a cursor it
 * reads only from the cursor's last step minus `overlapSeconds`, and merges
 * what it finds with the runs the cursor remembers, so a run that was open
 * keeps its id and creation time and is extended or resolved.
 *
 * Alertmanager has no acknowledgements and no on-call schedules:
 * `firstAcknowledgedAt` is always null (no MTTA) and
 * {@link AlertsHistoryPagingProvider.listOnCallShifts} returns nothing.
 *
 * @public
 */
export class AlertsHistoryPagingProvider implements PagingProvider {
  readonly id = 'alertmanager';

  readonly #clients: Map<string, PrometheusClient>;
  readonly #default: PrometheusClient;
  readonly #logger?: LoggerService;
  readonly #step: number;
  readonly #overlap: number;
  readonly #lookback: number;
  readonly #maxPoints: number;
  readonly #pageSeverities: readonly string[];
  readonly #severityLabel: string | undefined;
  readonly #titlesFromRules: boolean;
  readonly #rulesTtlMs: number;
  readonly #now: () => number;
  readonly #rules = new Map<
    string,
    { at: number; groups: Promise<PromRuleGroup[]> }
  >();

  static create(
    options: AlertsHistoryPagingProviderOptions,
  ): AlertsHistoryPagingProvider {
    return new AlertsHistoryPagingProvider(options);
  }

  private constructor(options: AlertsHistoryPagingProviderOptions) {
    if (options.clients.length === 0) {
      throw new TypeError(
        'AlertsHistoryPagingProvider needs at least one Prometheus client',
      );
    }
    this.#clients = new Map(options.clients.map(c => [c.name, c]));
    this.#default = options.clients[0];
    this.#logger = options.logger;
    this.#step = positiveInteger(options.stepSeconds ?? 60, 'stepSeconds');
    this.#overlap =
      Math.ceil(
        nonNegative(options.overlapSeconds ?? 600, 'overlapSeconds') /
          this.#step,
      ) * this.#step;
    this.#lookback =
      Math.ceil(
        nonNegative(options.lookbackSeconds ?? 86_400, 'lookbackSeconds') /
          this.#step,
      ) * this.#step;
    this.#maxPoints = positiveInteger(
      options.maxPointsPerQuery ?? 10_000,
      'maxPointsPerQuery',
    );
    if (this.#maxPoints > PROMETHEUS_MAX_POINTS_PER_SERIES) {
      throw new TypeError(
        `maxPointsPerQuery must be at most ${PROMETHEUS_MAX_POINTS_PER_SERIES}, got ${
          this.#maxPoints
        }`,
      );
    }
    this.#pageSeverities = options.pageSeverities ?? DEFAULT_PAGE_SEVERITIES;
    this.#severityLabel = options.severityLabel;
    this.#titlesFromRules = options.titlesFromRules ?? true;
    this.#rulesTtlMs = options.rulesCacheTtlMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  async syncIncidents(
    request: PagingIncidentsRequest,
  ): Promise<PagingSyncResult> {
    const { services, signal } = request;
    const client = this.#client(services.account);
    const selectors = selectorsOf(services);
    const parsed = selectors.map(s => ({
      selector: s,
      matchers: parseAlertSelector(s),
    }));
    const step = this.#step;
    const sinceS = seconds(request.since, 'since');
    const untilS = seconds(request.until, 'until');
    if (sinceS >= untilS) {
      throw new InputError('since must be before until');
    }
    // the steps are the multiples of step in [since - lookback, until)
    const lastStep = Math.ceil(untilS / step) * step - step;
    const firstStep = Math.ceil((sinceS - this.#lookback) / step) * step;

    const cursor = this.#readCursor(request.cursor, client.name, selectors);
    let windowStart = firstStep;
    let previous: AlertRun[] = [];
    let resumed = false;
    if (cursor) {
      const resumeAt = Math.max(
        firstStep,
        cursor.syncedThrough - this.#overlap,
      );
      // a cursor that ends before the range starts is of no use: read the
      // whole range afresh
      if (resumeAt <= cursor.syncedThrough + step) {
        windowStart = resumeAt;
        previous = cursor.runs;
        resumed = true;
      }
    }

    if (windowStart > lastStep) {
      // nothing new to read
      return {
        incidents: [],
        cursor: resumed
          ? request.cursor!
          : this.#writeCursor(client.name, selectors, lastStep, []),
        requests: 0,
      };
    }

    const query = parsed
      .map(
        ({ matchers }) =>
          `timestamp(ALERTS${formatLabelMatchers([
            { name: 'alertstate', operator: '=', value: 'firing' },
            ...matchers,
          ])})`,
      )
      .join(' or ');

    let requests = 0;
    const series: PromSeries[] = [];
    const chunkSpan = (this.#maxPoints - 1) * step;
    for (
      let start = windowStart;
      start <= lastStep;
      start += chunkSpan + step
    ) {
      signal?.throwIfAborted();
      const end = Math.min(start + chunkSpan, lastStep);
      requests += 1;
      if (end === start) {
        const result = await client.instantQuery(query, {
          time: new Date(start * 1000),
          signal,
        });
        if (result.resultType === 'vector') {
          for (const sample of result.result) {
            series.push({
              metric: sample.metric,
              values: [[start, sample.value]],
            });
          }
        }
      } else {
        const result = await client.rangeQuery(query, {
          start: new Date(start * 1000),
          end: new Date(end * 1000),
          step,
          signal,
        });
        series.push(...result.result);
      }
    }

    const runs = reconstructAlertRuns({
      series,
      stepSeconds: step,
      lastStep,
      previous,
    });

    let groups: PromRuleGroup[] = [];
    if (this.#titlesFromRules && runs.length > 0) {
      const rules = await this.#rulesOf(client, signal);
      groups = rules.groups;
      requests += rules.requests;
    }

    const incidents: Incident[] = [];
    for (const run of runs) {
      // without a cursor, a run firing at the first step started before
      // the window: its creation time is unknown, and before since
      const truncated = !resumed && run.start <= windowStart;
      if (truncated || run.start < sinceS || run.start >= untilS) {
        continue;
      }
      incidents.push(
        alertRunToIncident(run, {
          stepSeconds: step,
          pageSeverities: this.#pageSeverities,
          severityLabel: this.#severityLabel,
          summary: findAlertRule(groups, run.labels)?.annotations.summary,
          serviceId: serviceIdOf(parsed, run),
        }),
      );
    }

    // keep what the next sync's overlap can still extend
    const keepFrom = lastStep - this.#overlap - step;
    const kept = runs
      .filter(r => r.last >= keepFrom)
      .map(({ labels, start, last }) => ({ labels, start, last }));
    return {
      incidents,
      cursor: this.#writeCursor(client.name, selectors, lastStep, kept),
      requests,
    };
  }

  /** Alertmanager knows no on-call schedules: always empty. */
  async listOnCallShifts(
    _request: PagingOnCallRequest,
  ): Promise<OnCallShift[]> {
    return [];
  }

  #client(account: string | undefined): PrometheusClient {
    if (account === undefined || account === '') {
      return this.#default;
    }
    const client = this.#clients.get(account);
    if (!client) {
      throw new InputError(
        `No Prometheus instance named "${account}" is configured in reliability.prometheus.instances`,
      );
    }
    return client;
  }

  async #rulesOf(
    client: PrometheusClient,
    signal: AbortSignal | undefined,
  ): Promise<{ groups: PromRuleGroup[]; requests: number }> {
    const now = this.#now();
    const cached = this.#rules.get(client.name);
    let requests = 0;
    let entry = cached;
    if (!entry || now - entry.at >= this.#rulesTtlMs) {
      entry = { at: now, groups: fetchAlertRules(client, { signal }) };
      this.#rules.set(client.name, entry);
      requests = 1;
    }
    try {
      return { groups: await entry.groups, requests };
    } catch (e) {
      if (this.#rules.get(client.name) === entry) {
        this.#rules.delete(client.name);
      }
      signal?.throwIfAborted();
      // titles are cosmetic: without rules they are the alert names
      this.#logger?.warn(
        `Could not read alert rules of Prometheus "${
          client.name
        }" for incident titles: ${(e as Error).message}`,
      );
      return { groups: [], requests };
    }
  }

  #readCursor(
    text: string | undefined,
    instance: string,
    selectors: string[],
  ): AlertsHistoryCursor | undefined {
    if (!text) {
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const c = value as Partial<AlertsHistoryCursor> | undefined;
    const valid =
      typeof c === 'object' &&
      c !== null &&
      c.v === CURSOR_VERSION &&
      c.instance === instance &&
      c.step === this.#step &&
      Array.isArray(c.selectors) &&
      c.selectors.join('\n') === selectors.join('\n') &&
      typeof c.syncedThrough === 'number' &&
      Number.isFinite(c.syncedThrough) &&
      Array.isArray(c.runs) &&
      c.runs.every(isAlertRun);
    if (!valid) {
      this.#logger?.info(
        'Ignoring an alert history cursor of another configuration; reading the whole range again',
      );
      return undefined;
    }
    return c as AlertsHistoryCursor;
  }

  #writeCursor(
    instance: string,
    selectors: string[],
    syncedThrough: number,
    runs: AlertRun[],
  ): string {
    const cursor: AlertsHistoryCursor = {
      v: CURSOR_VERSION,
      instance,
      step: this.#step,
      selectors,
      syncedThrough,
      runs,
    };
    return JSON.stringify(cursor);
  }
}

/**
 * The paging service reference of an entity that pages through
 * Alertmanager: its alert-selector, and optionally the Prometheus instance
 * that holds its `ALERTS` series.
 *
 * @public
 */
export function alertsHistoryServiceRef(
  alertSelector: string,
  prometheusInstance?: string,
): PagingServiceRef {
  return prometheusInstance
    ? { account: prometheusInstance, serviceIds: [alertSelector] }
    : { serviceIds: [alertSelector] };
}

function selectorsOf(services: PagingServiceRef): string[] {
  const selectors = [
    ...new Set(
      (services.serviceIds ?? [])
        .map(s => (typeof s === 'string' ? s.trim() : ''))
        .filter(Boolean),
    ),
  ].sort();
  if (selectors.length === 0) {
    throw new InputError(
      'No alert-selector given: services.serviceIds must hold at least one, e.g. service="checkout"',
    );
  }
  return selectors;
}

function serviceIdOf(
  parsed: Array<{ selector: string; matchers: LabelMatcher[] }>,
  run: ReconstructedAlertRun,
): string {
  const match = parsed.find(p => matchesLabels(p.matchers, run.labels));
  return (match ?? parsed[0]).selector;
}

function isAlertRun(value: unknown): value is AlertRun {
  const r = value as AlertRun;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.start === 'number' &&
    typeof r.last === 'number' &&
    typeof r.labels === 'object' &&
    r.labels !== null &&
    Object.values(r.labels).every(v => typeof v === 'string')
  );
}

function seconds(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(`${what} must be a valid date`);
  }
  return ms / 1000;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `AlertsHistoryPagingProvider ${name} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(
      `AlertsHistoryPagingProvider ${name} must be a non-negative number, got ${value}`,
    );
  }
  return value;
}
