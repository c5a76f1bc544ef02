import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CircuitBreaker,
  CircuitBreakerOptions,
  CircuitState,
  UpstreamUnavailableError,
  parseRetryAfter,
} from '../prometheus';
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
import { PagerDutyAccountConfig } from './readPagerDutyAccounts';
import { PagerDutyRequestError } from './PagerDutyRequestError';

/**
 * How a {@link PagerDutyClient} retries failed requests.
 *
 * @public
 */
export interface PagerDutyRetryOptions {
  /** Retries after the first attempt on 5xx, timeouts and network errors. Default 3. */
  retries?: number;
  /** The first back-off, in milliseconds; it doubles per retry. Default 500. */
  baseDelayMs?: number;
  /** The longest back-off, in milliseconds. Default 8 000. */
  maxDelayMs?: number;
  /** Retries after a 429 (rate limited); counted apart from `retries`. Default 5. */
  rateLimitRetries?: number;
  /**
   * The longest wait `ratelimit-reset` or `Retry-After` can ask for, in
   * milliseconds; longer values are capped. Default 60 000.
   */
  maxRateLimitWaitMs?: number;
}

/**
 * Options of {@link PagerDutyClient.fromConfig}.
 *
 * @public
 */
export interface PagerDutyClientOptions {
  logger: LoggerService;
  /** The fetch implementation. Default the global `fetch`. */
  fetchImpl?: typeof fetch;
  /** Waits between retries and while rate limited. Default a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Random numbers in [0, 1) for back-off jitter. Default `Math.random`. */
  random?: () => number;
  retry?: PagerDutyRetryOptions;
  /** Options of the client's circuit breaker (its clock is `now`). */
  circuitBreaker?: Omit<CircuitBreakerOptions, 'now'>;
  /** The largest response body accepted, in bytes. Default 32 MiB. */
  maxResponseBytes?: number;
}

/**
 * A query parameter value. Arrays are sent exploded, one `name[]=value` per
 * item (`[]` is appended to the name when missing).
 *
 * @public
 */
export type PagerDutyQueryValue =
  | string
  | number
  | boolean
  | readonly string[]
  | undefined;

/**
 * Query parameters of a PagerDuty request.
 *
 * @public
 */
export type PagerDutyQuery = Record<string, PagerDutyQueryValue>;

/**
 * Counters of the HTTP requests made for one operation; pass the same object
 * to several calls to add them up.
 *
 * @public
 */
export interface PagerDutyRequestStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of those, retries (after 5xx, timeouts, network errors and 429). */
  retries: number;
  /** Milliseconds spent waiting for rate limits to reset. */
  rateLimitWaitMs: number;
}

/**
 * Options of one request.
 *
 * @public
 */
export interface PagerDutyRequestOptions {
  signal?: AbortSignal;
  stats?: PagerDutyRequestStats;
}

/**
 * One page of an offset-paginated listing.
 *
 * @public
 */
export interface PagerDutyPage<T> {
  items: T[];
  offset: number;
  limit: number;
  more: boolean;
  /** Only with `total: true`; PagerDuty sends `null` otherwise. */
  total: number | null;
}

/**
 * Items per page of offset pagination (PagerDuty's maximum).
 *
 * @public
 */
export const PAGERDUTY_PAGE_LIMIT = 100;
/**
 * `offset + limit` may not pass this (PagerDuty answers 400).
 *
 * @public
 */
export const PAGERDUTY_MAX_OFFSET_PLUS_LIMIT = 10_000;

type Verdict = 'success' | 'failure' | 'neutral';

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  query?: PagerDutyQuery;
  body?: unknown;
}

type AttemptOutcome =
  | { kind: 'ok'; value: unknown }
  | {
      kind: 'retry';
      message: string;
      rateLimited?: boolean;
      waitMs?: number;
      malformed?: boolean;
      cause?: unknown;
    }
  | { kind: 'fatal'; error: Error; verdict: Verdict };

const ACCEPT = 'application/vnd.pagerduty+json;version=2';
const USER_AGENT = 'reliability-kit';
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_DETAIL_LENGTH = 300;
const API_PATH = /^\/[A-Za-z0-9._~%/-]*$/;

const verdicts = new WeakMap<object, Verdict>();

/**
 * A client of the PagerDuty REST API v2 for one configured account.
 *
 * @remarks
 *
 * Every request carries `Authorization: Token token=...` and the v2 `Accept`
 * header, and has the account's timeout combined with the caller's signal.
 * 5xx, timeouts and network errors are retried with exponential back-off and
 * jitter; 429 waits for `ratelimit-reset` (seconds until the limit resets) or
 * `Retry-After`, capped; when a response says `ratelimit-remaining: 0`, the
 * next requests wait for the reset. 401 and 403 fail at once with a
 * {@link PagerDutyRequestError} ("rejected the token"), as do 400 and 404.
 * Redirects are followed only within the configured origin. A
 * {@link CircuitBreaker} fails calls fast while PagerDuty keeps failing.
 * The token, queries and full URLs are never logged nor put in messages.
 *
 * @public
 */
export class PagerDutyClient {
  /** The configured account name. */
  readonly name: string;

  readonly #baseUrl: string;
  readonly #origin: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #logger: LoggerService;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #retries: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #rateLimitRetries: number;
  readonly #maxRateLimitWaitMs: number;
  readonly #maxResponseBytes: number;
  readonly #breaker: CircuitBreaker;
  #pausedUntil = 0;
  #requestCount = 0;

  /** Creates a client for one account read by `readPagerDutyAccounts`. */
  static fromConfig(
    account: PagerDutyAccountConfig,
    options: PagerDutyClientOptions,
  ): PagerDutyClient {
    return new PagerDutyClient(account, options);
  }

  private constructor(
    account: PagerDutyAccountConfig,
    options: PagerDutyClientOptions,
  ) {
    this.name = account.name;
    this.#baseUrl = account.baseUrl.replace(/\/+$/, '');
    this.#origin = new URL(account.baseUrl).origin;
    this.#token = account.token;
    this.#timeoutMs = account.timeoutMs;
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
      retry.baseDelayMs ?? 500,
      'retry.baseDelayMs',
    );
    this.#maxDelayMs = nonNegative(
      retry.maxDelayMs ?? 8_000,
      'retry.maxDelayMs',
    );
    this.#rateLimitRetries = nonNegative(
      retry.rateLimitRetries ?? 5,
      'retry.rateLimitRetries',
      true,
    );
    this.#maxRateLimitWaitMs = nonNegative(
      retry.maxRateLimitWaitMs ?? 60_000,
      'retry.maxRateLimitWaitMs',
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

  /** HTTP requests this client has sent, retries included. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /**
   * `GET path?query`; resolves with the parsed JSON body.
   *
   * @throws {@link PagerDutyRequestError} when PagerDuty refuses the request,
   * {@link UpstreamUnavailableError} when it cannot answer, or the caller's
   * abort reason.
   */
  async get(
    path: string,
    query: PagerDutyQuery = {},
    options: PagerDutyRequestOptions = {},
  ): Promise<unknown> {
    return this.#call({ method: 'GET', path, query }, options);
  }

  /**
   * `POST path` with a JSON body; resolves with the parsed JSON body.
   *
   * @throws as {@link PagerDutyClient.get}.
   */
  async post(
    path: string,
    body: unknown,
    options: PagerDutyRequestOptions = {},
  ): Promise<unknown> {
    return this.#call({ method: 'POST', path, body }, options);
  }

  /**
   * One page of an offset-paginated listing (`limit=100`); `key` is the
   * array property of the body, e.g. `incidents`.
   *
   * @throws as {@link PagerDutyClient.get}, and
   * {@link UpstreamUnavailableError} when the body is not such a page.
   */
  async getPage<T>(
    path: string,
    key: string,
    query: PagerDutyQuery,
    offset: number,
    options: PagerDutyRequestOptions & { total?: boolean } = {},
  ): Promise<PagerDutyPage<T>> {
    const body = await this.get(
      path,
      {
        ...query,
        limit: PAGERDUTY_PAGE_LIMIT,
        offset,
        ...(options.total ? { total: true } : {}),
      },
      options,
    );
    if (!isObject(body) || !Array.isArray(body[key])) {
      throw new UpstreamUnavailableError(
        `PagerDuty account "${this.name}" answered an unexpected response on GET ${path}: no "${key}" array`,
        { upstream: this.name, retryable: true },
      );
    }
    return {
      items: body[key] as T[],
      offset,
      limit: PAGERDUTY_PAGE_LIMIT,
      more: body.more === true,
      total:
        typeof body.total === 'number' && Number.isFinite(body.total)
          ? body.total
          : null,
    };
  }

  /**
   * Every page of an offset-paginated listing, up to PagerDuty's cap of
   * 10,000 items (`offset + limit`). `capped` is true when more items exist
   * beyond the cap: narrow the query (e.g. split its time range).
   */
  async listAll<T>(
    path: string,
    key: string,
    query: PagerDutyQuery,
    options: PagerDutyRequestOptions = {},
  ): Promise<{ items: T[]; capped: boolean }> {
    const items: T[] = [];
    for (let offset = 0; ; offset += PAGERDUTY_PAGE_LIMIT) {
      const page = await this.getPage<T>(path, key, query, offset, options);
      items.push(...page.items);
      if (!page.more || page.items.length === 0) {
        return { items, capped: false };
      }
      if (offset + 2 * PAGERDUTY_PAGE_LIMIT > PAGERDUTY_MAX_OFFSET_PLUS_LIMIT) {
        return { items, capped: true };
      }
    }
  }

  async #call(
    spec: RequestSpec,
    options: PagerDutyRequestOptions,
  ): Promise<unknown> {
    const callerSignal = options.signal;
    callerSignal?.throwIfAborted();
    if (!API_PATH.test(spec.path) || spec.path.includes('..')) {
      throw new TypeError(`Invalid PagerDuty API path "${spec.path}"`);
    }
    if (!this.#breaker.tryAcquire()) {
      const waitMs = this.#breaker.retryAfterMs;
      throw new UpstreamUnavailableError(
        `PagerDuty account "${this.name}" unreachable: circuit open after ${
          this.#breaker.consecutiveFailures
        } consecutive failed calls; next attempt in ${Math.ceil(
          waitMs / 1000,
        )}s`,
        { upstream: this.name, retryable: true, retryAfterMs: waitMs },
      );
    }
    const trial = this.#breaker.state === 'half-open';
    try {
      const value = await this.#withRetries(
        spec,
        options,
        trial ? 0 : this.#retries,
      );
      this.#breaker.recordSuccess();
      return value;
    } catch (e) {
      const verdict: Verdict = callerSignal?.aborted
        ? 'neutral'
        : verdicts.get(e as object) ?? 'neutral';
      if (verdict === 'success') {
        this.#breaker.recordSuccess();
      } else if (verdict === 'failure') {
        if (this.#breaker.recordFailure()) {
          this.#logger.warn(
            `PagerDuty account "${this.name}" circuit opened after ${
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

  async #withRetries(
    spec: RequestSpec,
    options: PagerDutyRequestOptions,
    retries: number,
  ): Promise<unknown> {
    const where = `${spec.method} ${spec.path}`;
    let failures = 0;
    let rateLimited = 0;
    let retriedMalformed = false;
    for (let attempt = 1; ; attempt++) {
      await this.#waitForRateLimit(options);
      const outcome = await this.#attempt(spec, options);
      if (outcome.kind === 'ok') {
        return outcome.value;
      }
      if (outcome.kind === 'fatal') {
        verdicts.set(outcome.error, outcome.verdict);
        throw outcome.error;
      }
      let canRetry: boolean;
      if (outcome.rateLimited) {
        rateLimited++;
        canRetry = rateLimited <= this.#rateLimitRetries;
      } else {
        failures++;
        canRetry =
          failures <= retries && !(outcome.malformed && retriedMalformed);
        retriedMalformed ||= Boolean(outcome.malformed);
      }
      if (!canRetry) {
        const error = new UpstreamUnavailableError(
          attempt > 1
            ? `${outcome.message} (gave up after ${attempt} attempts)`
            : outcome.message,
          { upstream: this.name, retryable: true, cause: outcome.cause },
        );
        verdicts.set(error, outcome.rateLimited ? 'neutral' : 'failure');
        throw error;
      }
      let delayMs: number;
      if (outcome.rateLimited) {
        delayMs = Math.min(
          outcome.waitMs ?? this.#backoff(rateLimited),
          this.#maxRateLimitWaitMs,
        );
        this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + delayMs);
      } else {
        delayMs = this.#backoff(failures);
      }
      this.#logger.warn(
        `${outcome.message}; retrying ${where} in ${delayMs}ms (attempt ${
          attempt + 1
        })`,
      );
      if (options.stats) {
        options.stats.retries++;
        if (outcome.rateLimited) {
          options.stats.rateLimitWaitMs += delayMs;
        }
      }
      await this.#pause(delayMs, options.signal);
    }
  }

  /** Waits while an earlier response said the rate limit is used up. */
  async #waitForRateLimit(options: PagerDutyRequestOptions): Promise<void> {
    const waitMs = Math.min(
      this.#pausedUntil - this.#now(),
      this.#maxRateLimitWaitMs,
    );
    if (waitMs > 0) {
      if (options.stats) {
        options.stats.rateLimitWaitMs += waitMs;
      }
      await this.#pause(waitMs, options.signal);
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

  async #attempt(
    spec: RequestSpec,
    options: PagerDutyRequestOptions,
  ): Promise<AttemptOutcome> {
    const where = `${spec.method} ${spec.path}`;
    const callerSignal = options.signal;
    const timeoutSignal = AbortSignal.timeout(this.#timeoutMs);
    const signal = callerSignal
      ? AbortSignal.any([callerSignal, timeoutSignal])
      : timeoutSignal;

    let response: Response;
    let text: string;
    try {
      const fetched = await this.#fetchFollowingRedirects(
        spec,
        signal,
        options,
      );
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
          `answered more than ${this.#maxResponseBytes} bytes on ${where}`,
          'neutral',
        );
      }
      if (timeoutSignal.aborted) {
        return {
          kind: 'retry',
          message: `PagerDuty account "${
            this.name
          }" unreachable: timed out after ${this.#timeoutMs}ms on ${where}`,
        };
      }
      return {
        kind: 'retry',
        message: `PagerDuty account "${
          this.name
        }" unreachable: network error on ${where}${networkCode(e)}`,
        cause: e,
      };
    }
    this.#noteRateLimit(response);
    return this.#interpret(spec, response, text);
  }

  #noteRateLimit(response: Response): void {
    const remaining = parseSeconds(response.headers.get('ratelimit-remaining'));
    const reset = parseSeconds(response.headers.get('ratelimit-reset'));
    if (remaining === 0 && reset !== undefined && reset > 0) {
      this.#pausedUntil = Math.max(
        this.#pausedUntil,
        this.#now() + Math.min(reset * 1000, this.#maxRateLimitWaitMs),
      );
    }
  }

  async #fetchFollowingRedirects(
    spec: RequestSpec,
    signal: AbortSignal,
    options: PagerDutyRequestOptions,
  ): Promise<{ kind: 'response'; response: Response } | AttemptOutcome> {
    const where = `${spec.method} ${spec.path}`;
    const search = spec.query ? encodeQuery(spec.query) : '';
    let url = `${this.#baseUrl}${spec.path}${search ? `?${search}` : ''}`;
    const headers: Record<string, string> = {
      Accept: ACCEPT,
      // the API document declares it on every operation, GETs included
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      Authorization: `Token token=${this.#token}`,
    };
    const body =
      spec.method === 'POST' ? JSON.stringify(spec.body ?? {}) : undefined;

    for (let hops = 0; ; hops++) {
      this.#requestCount++;
      if (options.stats) {
        options.stats.requests++;
      }
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
      let target: URL | undefined;
      try {
        target = location ? new URL(location, url) : undefined;
      } catch {
        target = undefined;
      }
      if (!target) {
        return this.#fatal(
          `answered HTTP ${response.status} without a valid Location on ${where}`,
          'neutral',
        );
      }
      if (target.origin !== this.#origin) {
        return this.#fatal(
          `redirected ${where} to another origin (${target.protocol}//${target.host}); refusing to follow it so that the token is not sent elsewhere. Point baseUrl at the final address`,
          'neutral',
        );
      }
      if (hops >= MAX_REDIRECTS) {
        return this.#fatal(
          `redirected more than ${MAX_REDIRECTS} times on ${where}; check baseUrl`,
          'neutral',
        );
      }
      if (spec.method !== 'GET' && response.status <= 303) {
        return this.#fatal(
          `redirected ${where} with HTTP ${response.status}, which would turn the POST into a GET; point baseUrl at the final address`,
          'neutral',
        );
      }
      url = target.toString();
    }
  }

  #interpret(
    spec: RequestSpec,
    response: Response,
    text: string,
  ): AttemptOutcome {
    const where = `${spec.method} ${spec.path}`;
    const status = response.status;
    const json = parseJson(text);
    const error =
      json.ok && isObject(json.value) && isObject(json.value.error)
        ? json.value.error
        : undefined;
    const detail = this.#errorDetail(error);
    const errorCode =
      typeof error?.code === 'number' && Number.isInteger(error.code)
        ? error.code
        : undefined;

    if (status >= 200 && status < 300) {
      if (!json.ok) {
        return {
          kind: 'retry',
          malformed: true,
          message: `PagerDuty account "${this.name}" answered malformed JSON on ${where} (HTTP ${status})`,
        };
      }
      return { kind: 'ok', value: json.value };
    }
    if (status === 429) {
      const resetSeconds = parseSeconds(
        response.headers.get('ratelimit-reset'),
      );
      const retryAfterMs = parseRetryAfter(
        response.headers.get('retry-after'),
        this.#now(),
      );
      const candidates = [
        resetSeconds === undefined ? undefined : resetSeconds * 1000,
        retryAfterMs,
      ].filter((v): v is number => v !== undefined);
      return {
        kind: 'retry',
        rateLimited: true,
        waitMs: candidates.length > 0 ? Math.max(...candidates) : undefined,
        message: `PagerDuty account "${this.name}" rate limited (HTTP 429) on ${where}`,
      };
    }
    if (status >= 500 && status !== 501 && status !== 505) {
      return {
        kind: 'retry',
        message: `PagerDuty account "${this.name}" unreachable: HTTP ${status} on ${where}${detail}`,
      };
    }
    if (status === 401 || status === 403) {
      return {
        kind: 'fatal',
        verdict: 'neutral',
        error: new PagerDutyRequestError(
          `PagerDuty account "${this.name}" rejected the token (${status}) on ${where}${detail}; check reliability.pagerduty.accounts`,
          { account: this.name, statusCode: status, errorCode },
        ),
      };
    }
    if (status >= 400 && status < 500) {
      return {
        kind: 'fatal',
        verdict: 'success',
        error: new PagerDutyRequestError(
          `PagerDuty account "${this.name}" rejected ${where} (${status})${detail}`,
          { account: this.name, statusCode: status, errorCode },
        ),
      };
    }
    return this.#fatal(
      `answered HTTP ${status} on ${where}${detail}`,
      'neutral',
    );
  }

  /** `: message (errors)` from PagerDuty's error body, short and without the token. */
  #errorDetail(error: Record<string, unknown> | undefined): string {
    if (!error) {
      return '';
    }
    const parts: string[] = [];
    if (typeof error.message === 'string') {
      parts.push(error.message);
    }
    if (Array.isArray(error.errors)) {
      const errors = error.errors.filter(
        (e): e is string => typeof e === 'string',
      );
      if (errors.length > 0) {
        parts.push(`(${errors.join('; ')})`);
      }
    }
    const clean = this.#redact(
      // eslint-disable-next-line no-control-regex
      parts.join(' ').replace(/[\u0000-\u001f\u007f]+/g, ' '),
    ).trim();
    if (!clean) {
      return '';
    }
    return `: ${
      clean.length > MAX_DETAIL_LENGTH
        ? `${clean.slice(0, MAX_DETAIL_LENGTH)}…`
        : clean
    }`;
  }

  #redact(text: string): string {
    return this.#token ? text.split(this.#token).join('[redacted]') : text;
  }

  #fatal(problem: string, verdict: Verdict): AttemptOutcome {
    return {
      kind: 'fatal',
      verdict,
      error: new UpstreamUnavailableError(
        `PagerDuty account "${this.name}" ${problem}`,
        { upstream: this.name, retryable: false },
      ),
    };
  }
}

/**
 * Encodes a query; arrays are exploded as `name[]=a&name[]=b`.
 *
 * @public
 */
export function encodeQuery(query: PagerDutyQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) {
      continue;
    }
    if (Array.isArray(value)) {
      const arrayName = name.endsWith('[]') ? name : `${name}[]`;
      for (const item of value as readonly string[]) {
        params.append(arrayName, item);
      }
    } else {
      params.append(name, String(value));
    }
  }
  return params.toString();
}

function parseSeconds(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    return undefined;
  }
  return Number(value);
}

function nonNegative(value: number, name: string, integer = false): number {
  if (
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new TypeError(
      `PagerDutyClient ${name} must be a non-negative ${
        integer ? 'integer' : 'number'
      }, got ${value}`,
    );
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
