import {
  STANDARD_RETRY_DEFAULTS,
  UpstreamTarget,
  upstreamTargetOf,
} from '../http/upstreamTarget';
import { cleanUpstreamText } from '../http/cleanUpstreamText';
import { LoggerService } from '@backstage/backend-plugin-api';
import { MetricsBackendKind } from '@reliability-kit/backstage-plugin-reliability-common';
import { InputError } from '@backstage/errors';
import { CircuitBreakerOptions, CircuitState } from '../http/CircuitBreaker';
import {
  PROMETHEUS_MAX_POINTS_PER_SERIES,
  chooseStep,
  countRangePoints,
} from './chooseStep';
import {
  UnexpectedResponseError,
  parseAnnotations,
  parseQueryData,
  parseRulesData,
} from './parseQueryData';
import { PrometheusInstanceConfig } from './readPrometheusInstances';
import { PrometheusQueryError } from './PrometheusQueryError';
import {
  PromInstantResult,
  PromRangeResult,
  PromResponseMeta,
  PromRulesResult,
} from './types';
import { UpstreamUnavailableError } from '../http/UpstreamUnavailableError';
import { callUpstream } from '../http/callUpstream';
import { fetchWithRedirects } from '../http/fetchWithRedirects';
import {
  UpstreamClientSettings,
  readUpstreamClientOptions,
} from '../http/readUpstreamClientOptions';
import { retryableStatus } from '../http/retryableStatus';
import {
  UpstreamAttemptOutcome,
  upstreamFatal,
} from '../http/retryUpstreamCall';
import { nonJsonSuccess } from '../http/nonJsonSuccess';
import { mediaTypeOf, parseJson } from '../http/upstreamFetch';

export { parseRetryAfter } from '../http/parseRetryAfter';

/**
 * How a {@link PrometheusClient} retries failed requests.
 *
 * @public
 */
export interface PrometheusRetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** The first back-off, in milliseconds; it doubles per retry. Default 250. */
  baseDelayMs?: number;
  /** The longest back-off, in milliseconds. Default 5 000. */
  maxDelayMs?: number;
  /**
   * The longest wait a `Retry-After` header (on 429 and 503) can ask for, in
   * milliseconds; longer values are capped. Default 10 000.
   */
  maxRetryAfterMs?: number;
}

/**
 * Options of {@link PrometheusClient.fromConfig}.
 *
 * @public
 */
export interface PrometheusClientOptions {
  logger: LoggerService;
  /** The fetch implementation. Default the global `fetch`. */
  fetchImpl?: typeof fetch;
  /** Waits between retries. Default a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Random numbers in [0, 1) for back-off jitter. Default `Math.random`. */
  random?: () => number;
  retry?: PrometheusRetryOptions;
  /** Options of the client's circuit breaker (its clock is `now`). */
  circuitBreaker?: Omit<CircuitBreakerOptions, 'now'>;
  /**
   * The largest response body accepted, in bytes. Default 64 MiB. Larger
   * responses fail without retry.
   */
  maxResponseBytes?: number;
}

/**
 * Options of {@link PrometheusClient.instantQuery}.
 *
 * @public
 */
export interface PrometheusInstantQueryOptions {
  /** The evaluation time. Default: the upstream's current time. */
  time?: Date;
  signal?: AbortSignal;
}

/**
 * Options of {@link PrometheusClient.rangeQuery}.
 *
 * @public
 */
export interface PrometheusRangeQueryOptions {
  start: Date;
  end: Date;
  /**
   * The step in seconds. Default: chosen with {@link chooseStep} so that
   * every series stays within Prometheus' 11,000 points.
   */
  step?: number;
  signal?: AbortSignal;
}

/**
 * Options of {@link PrometheusClient.rules}.
 *
 * @public
 */
export interface PrometheusRulesOptions {
  /** Only alerting (`alert`) or recording (`record`) rules. */
  type?: 'alert' | 'record';
  /**
   * Series selectors sent as `match[]`, e.g. `{severity="critical"}`; build
   * them with {@link formatLabelMatchers}.
   */
  matchers?: string[];
  /** Leave out the active alerts of alerting rules. */
  excludeAlerts?: boolean;
  signal?: AbortSignal;
}

interface RequestSpec {
  apiPath: string;
  method: 'GET' | 'POST';
  params: URLSearchParams;
  /** What the upstream rejects on a 400: `query` or `request`. */
  subject: 'query' | 'request';
}

type AttemptOutcome<T> = UpstreamAttemptOutcome<
  { value: T } & PromResponseMeta
>;

type RetryOption = keyof PrometheusRetryOptions;

const USER_AGENT = 'reliability-kit';
const MAX_REDIRECTS = 3;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_DETAIL_LENGTH = 500;

/**
 * A client of the Prometheus HTTP API (`/api/v1`), as served by Prometheus,
 * Thanos, Mimir and VictoriaMetrics. One client per configured instance.
 *
 * @remarks
 *
 * Every request has the instance's timeout, combined with the caller's
 * signal. 5xx, 429, timeouts and network errors are retried with exponential
 * back-off and jitter (honouring `Retry-After`); 400/422 fail at once with a
 * {@link PrometheusQueryError}; everything else that fails is an
 * {@link UpstreamUnavailableError}. Redirects are only followed within the
 * configured origin. A {@link CircuitBreaker} fails calls fast while the
 * upstream keeps failing. Configured headers, queries and full URLs are never
 * logged nor put in error messages.
 *
 * @public
 */
export class PrometheusClient {
  /** The configured instance name. */
  readonly name: string;
  /** Where users are linked to. */
  readonly uiUrl: string;
  /** What serves the instance (its configured `kind`). */
  readonly kind: MetricsBackendKind;

  readonly #target: UpstreamTarget;
  readonly #http: UpstreamClientSettings<RetryOption>;

  /** Creates a client for one instance read by `readPrometheusInstances`. */
  static fromConfig(
    instance: PrometheusInstanceConfig,
    options: PrometheusClientOptions,
  ): PrometheusClient {
    return new PrometheusClient(instance, options);
  }

  private constructor(
    instance: PrometheusInstanceConfig,
    options: PrometheusClientOptions,
  ) {
    this.name = instance.name;
    this.uiUrl = instance.uiUrl;
    this.kind = instance.kind ?? 'prometheus';
    this.#target = upstreamTargetOf('Prometheus', instance);
    this.#http = readUpstreamClientOptions('PrometheusClient', options, {
      retry: STANDARD_RETRY_DEFAULTS,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
  }

  /** The state of this client's circuit breaker. */
  get circuitState(): CircuitState {
    return this.#http.breaker.state;
  }

  /**
   * Evaluates an instant query (`POST /api/v1/query`).
   *
   * @throws InputError for an empty query or an invalid time,
   * {@link PrometheusQueryError} when the upstream rejects the query,
   * {@link UpstreamUnavailableError} when it cannot answer, or the caller's
   * abort reason.
   */
  async instantQuery(
    query: string,
    options: PrometheusInstantQueryOptions = {},
  ): Promise<PromInstantResult> {
    const params = new URLSearchParams({ query: validQuery(query) });
    if (options.time !== undefined) {
      params.set('time', unixSeconds(options.time, 'time'));
    }
    const { value, warnings, infos } = await this.#call(
      { apiPath: '/api/v1/query', method: 'POST', params, subject: 'query' },
      options.signal,
      parseQueryData,
    );
    return { ...value, warnings, infos };
  }

  /**
   * Evaluates a range query (`POST /api/v1/query_range`). Without a `step`,
   * one is chosen with {@link chooseStep}.
   *
   * @throws InputError for an empty query, invalid dates, start not before
   * end, or a step giving more than 11,000 points; otherwise as
   * {@link PrometheusClient.instantQuery}.
   */
  async rangeQuery(
    query: string,
    options: PrometheusRangeQueryOptions,
  ): Promise<PromRangeResult> {
    const { start, end } = options;
    const params = new URLSearchParams({ query: validQuery(query) });
    const startText = unixSeconds(start, 'start');
    const endText = unixSeconds(end, 'end');
    let step: number;
    if (options.step === undefined) {
      step = chooseStep(start, end);
    } else {
      step = options.step;
      if (!Number.isFinite(step) || step <= 0) {
        throw new InputError(
          `The step must be a positive number of seconds, got ${step}`,
        );
      }
      const points = countRangePoints(start, end, step);
      if (points > PROMETHEUS_MAX_POINTS_PER_SERIES) {
        throw new InputError(
          `A step of ${step}s gives ${points} points per series, more than Prometheus allows (${PROMETHEUS_MAX_POINTS_PER_SERIES}); use a step of at least ${chooseStep(
            start,
            end,
            { minStep: step },
          )}s`,
        );
      }
    }
    params.set('start', startText);
    params.set('end', endText);
    params.set('step', String(step));
    const { value, warnings, infos } = await this.#call(
      {
        apiPath: '/api/v1/query_range',
        method: 'POST',
        params,
        subject: 'query',
      },
      options.signal,
      data => {
        const parsed = parseQueryData(data);
        if (parsed.resultType !== 'matrix') {
          throw new UnexpectedResponseError(
            `data.resultType is "${parsed.resultType}" instead of "matrix"`,
          );
        }
        return parsed.result;
      },
    );
    return { resultType: 'matrix', result: value, step, warnings, infos };
  }

  /**
   * Lists alerting and recording rules (`GET /api/v1/rules`).
   *
   * @throws as {@link PrometheusClient.instantQuery}.
   */
  async rules(options: PrometheusRulesOptions = {}): Promise<PromRulesResult> {
    const params = new URLSearchParams();
    if (options.type !== undefined) {
      if (options.type !== 'alert' && options.type !== 'record') {
        throw new InputError(
          `The rule type must be "alert" or "record", got ${JSON.stringify(
            options.type,
          )}`,
        );
      }
      params.set('type', options.type);
    }
    for (const matcher of options.matchers ?? []) {
      if (typeof matcher !== 'string' || matcher.trim() === '') {
        throw new InputError('Rule matchers must be non-empty strings');
      }
      params.append('match[]', matcher);
    }
    if (options.excludeAlerts) {
      params.set('exclude_alerts', 'true');
    }
    const { value, warnings, infos } = await this.#call(
      { apiPath: '/api/v1/rules', method: 'GET', params, subject: 'request' },
      options.signal,
      parseRulesData,
    );
    return { ...value, warnings, infos };
  }

  async #call<T>(
    spec: RequestSpec,
    callerSignal: AbortSignal | undefined,
    parse: (data: unknown) => T,
  ): Promise<{ value: T } & PromResponseMeta> {
    const http = this.#http;
    const where = spec.apiPath;
    return callUpstream(http, {
      label: this.#target.label,
      upstream: this.name,
      where,
      signal: callerSignal,
      timeoutMs: this.#target.timeoutMs,
      policy: http.retry,
      tooLargeProblem: `answered more than ${formatBytes(
        http.maxResponseBytes,
      )} on ${where}; narrow the query or use a larger step`,
      send: signal => this.#send(spec, signal),
      interpret: (response, text) =>
        this.#interpret(spec, response, text, parse),
    });
  }

  #send(spec: RequestSpec, signal: AbortSignal): Promise<Response> {
    const query =
      spec.method === 'GET' && [...spec.params.keys()].length > 0
        ? `?${spec.params}`
        : '';
    const body = spec.method === 'POST' ? spec.params.toString() : undefined;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...this.#target.headers,
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return fetchWithRedirects(
      `${this.#target.baseUrl}${spec.apiPath}${query}`,
      { method: spec.method, headers, body, signal },
      {
        fetch: this.#http.fetch,
        origin: this.#target.origin,
        maxRedirects: MAX_REDIRECTS,
        where: spec.apiPath,
        settings: ['baseUrl', 'pathPrefix'],
        secret: 'credentials are',
      },
    );
  }

  #interpret<T>(
    spec: RequestSpec,
    response: Response,
    text: string,
    parse: (data: unknown) => T,
  ): AttemptOutcome<T> {
    const where = spec.apiPath;
    const status = response.status;
    const mediaType = mediaTypeOf(response);
    const json = parseJson(text);
    const envelope = json.ok && isObject(json.value) ? json.value : undefined;
    const errorEnvelope =
      envelope?.status === 'error'
        ? {
            errorType: cleanDetail(envelope.errorType) ?? 'error',
            error: cleanDetail(envelope.error) ?? '',
          }
        : undefined;
    const detail = errorEnvelope
      ? `${errorEnvelope.errorType}: ${errorEnvelope.error}`
      : undefined;
    const bodyNote = json.ok
      ? ''
      : ` with a non-JSON ${mediaType || 'untyped'} body`;

    if (status >= 200 && status < 300) {
      if (!json.ok) {
        return nonJsonSuccess(response, mediaType, text, {
          label: this.#target.label,
          upstream: this.name,
          where,
          api: 'the Prometheus API',
        });
      }
      if (!envelope) {
        return this.#fatal(
          `answered an unexpected response on ${where}: the body is not a JSON object`,
          'failure',
        );
      }
      if (envelope.status === 'success') {
        try {
          return {
            kind: 'ok',
            value: {
              value: parse(envelope.data),
              warnings: parseAnnotations(envelope.warnings),
              infos: parseAnnotations(envelope.infos),
            },
          };
        } catch (e) {
          if (e instanceof UnexpectedResponseError) {
            return this.#fatal(
              `answered an unexpected response on ${where}: ${e.message}`,
              'failure',
            );
          }
          throw e;
        }
      }
      if (!errorEnvelope) {
        return this.#fatal(
          `answered an unexpected response on ${where}: status is neither "success" nor "error"`,
          'failure',
        );
      }
      if (
        errorEnvelope.errorType === 'bad_data' ||
        errorEnvelope.errorType === 'execution'
      ) {
        return this.#rejected(spec, status, detail!, errorEnvelope.errorType);
      }
      return {
        kind: 'retry',
        message: `${
          this.#target.label
        } unreachable: HTTP ${status} on ${where}: ${detail}`,
      };
    }

    if (status === 400 || status === 422) {
      return this.#rejected(
        spec,
        status,
        detail ?? `HTTP ${status}${bodyNote}`,
        errorEnvelope?.errorType,
      );
    }
    const retry = retryableStatus(response, {
      label: this.#target.label,
      where,
      detail: detail ? `: ${detail}` : bodyNote,
      now: this.#http.now,
    });
    if (retry) {
      return retry;
    }
    if (status === 401 || status === 403) {
      return this.#fatal(
        `refused access with HTTP ${status} on ${where}${
          detail ? `: ${detail}` : ''
        }; check the configured headers`,
        'neutral',
      );
    }
    if (status === 404) {
      return this.#fatal(
        `answered HTTP 404 on ${where}${
          detail ? `: ${detail}` : ''
        }; check baseUrl and pathPrefix`,
        'neutral',
      );
    }
    return this.#fatal(
      `answered HTTP ${status} on ${where}${detail ? `: ${detail}` : bodyNote}`,
      'neutral',
    );
  }

  #rejected<T>(
    spec: RequestSpec,
    status: number,
    detail: string,
    errorType: string | undefined,
  ): AttemptOutcome<T> {
    return {
      kind: 'fatal',
      verdict: 'success',
      error: new PrometheusQueryError(
        `${this.#target.label} rejected the ${spec.subject}: ${detail}`,
        { upstream: this.name, statusCode: status, errorType },
      ),
    };
  }

  #fatal<T>(
    problem: string,
    verdict: 'failure' | 'neutral',
  ): AttemptOutcome<T> {
    return upstreamFatal(
      { label: this.#target.label, upstream: this.name },
      problem,
      verdict,
    );
  }
}

function validQuery(query: string): string {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new InputError('The query must be a non-empty string');
  }
  return query;
}

function unixSeconds(date: Date, what: string): string {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(`The ${what} must be a valid date`);
  }
  return String(ms / 1000);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Makes an upstream-provided string safe and short enough for a message. */
function cleanDetail(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  return cleanUpstreamText(value, MAX_DETAIL_LENGTH);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MiB`
    : `${bytes} bytes`;
}
