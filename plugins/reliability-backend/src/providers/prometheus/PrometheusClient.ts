import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CircuitBreaker,
  CircuitBreakerOptions,
  CircuitState,
} from './CircuitBreaker';
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
import { UpstreamUnavailableError } from './UpstreamUnavailableError';
import {
  ResponseTooLargeError,
  abortReason,
  backoffDelay,
  discard,
  networkCode,
  parseJson,
  pause,
  readBody,
} from '../http/upstreamFetch';

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

type Verdict = 'success' | 'failure' | 'neutral';

interface RequestSpec {
  apiPath: string;
  method: 'GET' | 'POST';
  params: URLSearchParams;
  /** What the upstream rejects on a 400: `query` or `request`. */
  subject: 'query' | 'request';
}

type AttemptOutcome<T> =
  | { kind: 'ok'; result: { value: T } & PromResponseMeta }
  | {
      kind: 'retry';
      /** The final error message, should no retry be left. */
      message: string;
      retryAfterMs?: number;
      malformed?: boolean;
      cause?: unknown;
    }
  | { kind: 'fatal'; error: Error; verdict: Verdict };

const USER_AGENT = 'reliability-kit';
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_DETAIL_LENGTH = 500;

/** The circuit-breaker verdict of errors thrown by a call. */
const verdicts = new WeakMap<object, Verdict>();

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

  readonly #baseUrl: string;
  readonly #origin: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #logger: LoggerService;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #retries: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxRetryAfterMs: number;
  readonly #maxResponseBytes: number;
  readonly #now: () => number;
  readonly #breaker: CircuitBreaker;

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
    this.#baseUrl = `${instance.baseUrl.replace(/\/+$/, '')}${
      instance.pathPrefix
    }`;
    this.#origin = new URL(instance.baseUrl).origin;
    this.#headers = { ...instance.headers };
    this.#timeoutMs = instance.timeoutMs;
    this.#logger = options.logger;
    this.#fetch = options.fetchImpl ?? ((...args) => fetch(...args));
    this.#sleep =
      options.sleep ??
      (ms => new Promise<void>(resolve => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    const retry = options.retry ?? {};
    this.#retries = nonNegative(retry.retries ?? 3, 'retry.retries', true);
    this.#baseDelayMs = nonNegative(
      retry.baseDelayMs ?? 250,
      'retry.baseDelayMs',
    );
    this.#maxDelayMs = nonNegative(
      retry.maxDelayMs ?? 5_000,
      'retry.maxDelayMs',
    );
    this.#maxRetryAfterMs = nonNegative(
      retry.maxRetryAfterMs ?? 10_000,
      'retry.maxRetryAfterMs',
    );
    this.#maxResponseBytes =
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#breaker = new CircuitBreaker({
      ...options.circuitBreaker,
      now: this.#now,
    });
  }

  /** The state of this client's circuit breaker. */
  get circuitState(): CircuitState {
    return this.#breaker.state;
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
    callerSignal?.throwIfAborted();
    if (!this.#breaker.tryAcquire()) {
      const waitMs = this.#breaker.retryAfterMs;
      throw new UpstreamUnavailableError(
        `Prometheus "${this.name}" unreachable: circuit open after ${
          this.#breaker.consecutiveFailures
        } consecutive failed calls; next attempt in ${Math.ceil(
          waitMs / 1000,
        )}s`,
        { upstream: this.name, retryable: true, retryAfterMs: waitMs },
      );
    }
    // a half-open breaker lets exactly one attempt through
    const trial = this.#breaker.state === 'half-open';
    try {
      const result = await this.#withRetries(
        spec,
        callerSignal,
        parse,
        trial ? 0 : this.#retries,
      );
      this.#breaker.recordSuccess();
      return result;
    } catch (e) {
      const verdict: Verdict = callerSignal?.aborted
        ? 'neutral'
        : verdicts.get(e as object) ?? 'neutral';
      if (verdict === 'success') {
        this.#breaker.recordSuccess();
      } else if (verdict === 'failure') {
        if (this.#breaker.recordFailure()) {
          this.#logger.warn(
            `Prometheus "${this.name}" circuit opened after ${
              this.#breaker.consecutiveFailures
            } consecutive failed calls; failing fast for ${Math.round(
              this.#breaker.retryAfterMs / 1000,
            )}s`,
          );
        }
      } else {
        this.#breaker.recordNeutral();
      }
      throw e;
    }
  }

  async #withRetries<T>(
    spec: RequestSpec,
    callerSignal: AbortSignal | undefined,
    parse: (data: unknown) => T,
    retries: number,
  ): Promise<{ value: T } & PromResponseMeta> {
    const maxAttempts = retries + 1;
    let retriedMalformed = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(spec, callerSignal, parse);
      if (outcome.kind === 'ok') {
        return outcome.result;
      }
      if (outcome.kind === 'fatal') {
        verdicts.set(outcome.error, outcome.verdict);
        throw outcome.error;
      }
      const canRetry =
        attempt < maxAttempts && !(outcome.malformed && retriedMalformed);
      if (!canRetry) {
        const error = new UpstreamUnavailableError(
          attempt > 1
            ? `${outcome.message} (gave up after ${attempt} attempts)`
            : outcome.message,
          { upstream: this.name, retryable: true, cause: outcome.cause },
        );
        verdicts.set(error, 'failure');
        throw error;
      }
      retriedMalformed ||= Boolean(outcome.malformed);
      const delayMs =
        outcome.retryAfterMs !== undefined
          ? Math.min(outcome.retryAfterMs, this.#maxRetryAfterMs)
          : this.#backoff(attempt);
      this.#logger.warn(
        `${outcome.message}; retrying in ${delayMs}ms (attempt ${
          attempt + 1
        } of ${maxAttempts})`,
      );
      await this.#pause(delayMs, callerSignal);
    }
  }

  #backoff(attempt: number): number {
    return backoffDelay(attempt, this.#baseDelayMs, this.#maxDelayMs, () =>
      this.#random(),
    );
  }

  #pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return pause(ms, signal, delay => this.#sleep(delay));
  }

  async #attempt<T>(
    spec: RequestSpec,
    callerSignal: AbortSignal | undefined,
    parse: (data: unknown) => T,
  ): Promise<AttemptOutcome<T>> {
    const where = spec.apiPath;
    const timeoutSignal = AbortSignal.timeout(this.#timeoutMs);
    const signal = callerSignal
      ? AbortSignal.any([callerSignal, timeoutSignal])
      : timeoutSignal;

    let response: Response;
    let text: string;
    try {
      const fetched = await this.#fetchFollowingRedirects<T>(spec, signal);
      if (fetched.kind !== 'response') {
        return fetched;
      }
      response = fetched.response;
      text = await readBody(response, this.#maxResponseBytes);
    } catch (e) {
      if (callerSignal?.aborted) {
        throw abortReason(callerSignal);
      }
      if (e instanceof ResponseTooLargeError) {
        return this.#fatal(
          `answered more than ${formatBytes(
            this.#maxResponseBytes,
          )} on ${where}; narrow the query or use a larger step`,
          false,
          'neutral',
        );
      }
      if (timeoutSignal.aborted) {
        return {
          kind: 'retry',
          message: `Prometheus "${this.name}" unreachable: timed out after ${
            this.#timeoutMs
          }ms on ${where}`,
        };
      }
      return {
        kind: 'retry',
        message: `Prometheus "${
          this.name
        }" unreachable: network error on ${where}${networkCode(e)}`,
        cause: e,
      };
    }

    return this.#interpret(spec, response, text, parse);
  }

  async #fetchFollowingRedirects<T>(
    spec: RequestSpec,
    signal: AbortSignal,
  ): Promise<{ kind: 'response'; response: Response } | AttemptOutcome<T>> {
    const where = spec.apiPath;
    const query =
      spec.method === 'GET' && [...spec.params.keys()].length > 0
        ? `?${spec.params}`
        : '';
    let url = `${this.#baseUrl}${spec.apiPath}${query}`;
    const body = spec.method === 'POST' ? spec.params.toString() : undefined;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...this.#headers,
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }

    for (let hops = 0; ; hops++) {
      const response = await this.#fetch(url, {
        method: spec.method,
        headers,
        body,
        redirect: 'manual',
        signal,
      });
      if (!REDIRECT_STATUSES.has(response.status)) {
        return { kind: 'response', response };
      }
      discard(response);
      const location = response.headers.get('location');
      if (!location) {
        return this.#fatal(
          `answered HTTP ${response.status} without a Location on ${where}`,
          false,
          'neutral',
        );
      }
      if (hops >= MAX_REDIRECTS) {
        return this.#fatal(
          `redirected more than ${MAX_REDIRECTS} times on ${where}; check baseUrl and pathPrefix`,
          false,
          'neutral',
        );
      }
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        return this.#fatal(
          `answered HTTP ${response.status} with an invalid Location on ${where}`,
          false,
          'neutral',
        );
      }
      if (target.origin !== this.#origin) {
        return this.#fatal(
          `redirected ${where} to another origin (${target.protocol}//${target.host}); refusing to follow it so that credentials are not sent elsewhere. Point baseUrl at the final address`,
          false,
          'neutral',
        );
      }
      if (spec.method !== 'GET' && response.status <= 303) {
        return this.#fatal(
          `redirected ${where} with HTTP ${response.status}, which would turn the ${spec.method} into a GET; point baseUrl or pathPrefix at the final address`,
          false,
          'neutral',
        );
      }
      url = target.toString();
    }
  }

  #interpret<T>(
    spec: RequestSpec,
    response: Response,
    text: string,
    parse: (data: unknown) => T,
  ): AttemptOutcome<T> {
    const where = spec.apiPath;
    const status = response.status;
    const mediaType = (response.headers.get('content-type') ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
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
        const looksJson = mediaType.includes('json') || /^\s*[[{]/.test(text);
        if (looksJson) {
          return {
            kind: 'retry',
            malformed: true,
            message: `Prometheus "${this.name}" answered malformed JSON on ${where} (HTTP ${status})`,
          };
        }
        return this.#fatal(
          `answered HTTP ${status}${bodyNote} on ${where}; check that baseUrl and pathPrefix point at the Prometheus API`,
          false,
          'failure',
        );
      }
      if (!envelope) {
        return this.#fatal(
          `answered an unexpected response on ${where}: the body is not a JSON object`,
          false,
          'failure',
        );
      }
      if (envelope.status === 'success') {
        try {
          return {
            kind: 'ok',
            result: {
              value: parse(envelope.data),
              warnings: parseAnnotations(envelope.warnings),
              infos: parseAnnotations(envelope.infos),
            },
          };
        } catch (e) {
          if (e instanceof UnexpectedResponseError) {
            return this.#fatal(
              `answered an unexpected response on ${where}: ${e.message}`,
              false,
              'failure',
            );
          }
          throw e;
        }
      }
      if (!errorEnvelope) {
        return this.#fatal(
          `answered an unexpected response on ${where}: status is neither "success" nor "error"`,
          false,
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
        message: `Prometheus "${this.name}" unreachable: HTTP ${status} on ${where}: ${detail}`,
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
    if (status === 429 || (status >= 500 && status !== 501 && status !== 505)) {
      const retryAfterMs =
        status === 429 || status === 503
          ? parseRetryAfter(response.headers.get('retry-after'), this.#now())
          : undefined;
      const what =
        status === 429 ? 'HTTP 429 (rate limited)' : `HTTP ${status}`;
      return {
        kind: 'retry',
        message: `Prometheus "${this.name}" unreachable: ${what} on ${where}${
          detail ? `: ${detail}` : bodyNote
        }`,
        retryAfterMs,
      };
    }
    if (status === 401 || status === 403) {
      return this.#fatal(
        `refused access with HTTP ${status} on ${where}${
          detail ? `: ${detail}` : ''
        }; check the configured headers`,
        false,
        'neutral',
      );
    }
    if (status === 404) {
      return this.#fatal(
        `answered HTTP 404 on ${where}${
          detail ? `: ${detail}` : ''
        }; check baseUrl and pathPrefix`,
        false,
        'neutral',
      );
    }
    return this.#fatal(
      `answered HTTP ${status} on ${where}${detail ? `: ${detail}` : bodyNote}`,
      false,
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
        `Prometheus "${this.name}" rejected the ${spec.subject}: ${detail}`,
        { upstream: this.name, statusCode: status, errorType },
      ),
    };
  }

  #fatal<T>(
    problem: string,
    retryable: boolean,
    verdict: Verdict,
  ): AttemptOutcome<T> {
    return {
      kind: 'fatal',
      verdict,
      error: new UpstreamUnavailableError(
        `Prometheus "${this.name}" ${problem}`,
        { upstream: this.name, retryable },
      ),
    };
  }
}

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date.
 *
 * @returns milliseconds to wait, or undefined when absent or invalid.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  // an HTTP date such as "Sun, 01 Mar 2026 12:00:10 GMT"
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
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

function nonNegative(value: number, name: string, integer = false): number {
  if (
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new TypeError(
      `PrometheusClient ${name} must be a non-negative ${
        integer ? 'integer' : 'number'
      }, got ${value}`,
    );
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Makes an upstream-provided string safe and short enough for a message. */
function cleanDetail(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > MAX_DETAIL_LENGTH
    ? `${clean.slice(0, MAX_DETAIL_LENGTH)}…`
    : clean;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MiB`
    : `${bytes} bytes`;
}
