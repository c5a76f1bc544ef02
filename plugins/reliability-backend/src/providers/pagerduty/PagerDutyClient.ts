import { cleanUpstreamText } from '../http/cleanUpstreamText';
import { CircuitState } from '../http/CircuitBreaker';
import { UpstreamUnavailableError } from '../http/UpstreamUnavailableError';
import { callUpstream } from '../http/callUpstream';
import { fetchWithRedirects } from '../http/fetchWithRedirects';
import { parseRetryAfter } from '../http/parseRetryAfter';
import {
  HttpClientOptions,
  UpstreamClientSettings,
  readUpstreamClientOptions,
} from '../http/readUpstreamClientOptions';
import { retryableStatus } from '../http/retryableStatus';
import {
  UpstreamAttemptOutcome,
  upstreamFatal,
} from '../http/retryUpstreamCall';
import { parseJson, pause } from '../http/upstreamFetch';
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
export type PagerDutyClientOptions = HttpClientOptions<PagerDutyRetryOptions>;

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

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  query?: PagerDutyQuery;
  body?: unknown;
}

type AttemptOutcome = UpstreamAttemptOutcome<unknown>;

type RetryOption = keyof PagerDutyRetryOptions;

const ACCEPT = 'application/vnd.pagerduty+json;version=2';
const USER_AGENT = 'reliability-kit';
const MAX_REDIRECTS = 3;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_DETAIL_LENGTH = 300;
const API_PATH = /^\/[A-Za-z0-9._~%/-]*$/;

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

  readonly #label: string;
  readonly #baseUrl: string;
  readonly #origin: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #http: UpstreamClientSettings<RetryOption>;
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
    this.#label = `PagerDuty account "${account.name}"`;
    this.#baseUrl = account.baseUrl.replace(/\/+$/, '');
    this.#origin = new URL(account.baseUrl).origin;
    this.#token = account.token;
    this.#timeoutMs = account.timeoutMs;
    this.#http = readUpstreamClientOptions('PagerDutyClient', options, {
      retry: {
        retries: { value: 3, integer: true },
        baseDelayMs: { value: 500 },
        maxDelayMs: { value: 8_000 },
        rateLimitRetries: { value: 5, integer: true },
        maxRateLimitWaitMs: { value: 60_000 },
      },
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
  }

  /** The state of this client's circuit breaker. */
  get circuitState(): CircuitState {
    return this.#http.breaker.state;
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
    const http = this.#http;
    const where = `${spec.method} ${spec.path}`;
    const stats = options.stats;
    return callUpstream(http, {
      label: this.#label,
      upstream: this.name,
      where,
      signal: callerSignal,
      timeoutMs: this.#timeoutMs,
      policy: {
        retries: http.retry.retries,
        baseDelayMs: http.retry.baseDelayMs,
        maxDelayMs: http.retry.maxDelayMs,
        maxRetryAfterMs: http.retry.maxRateLimitWaitMs,
        // 429s wait for the rate limit to reset, on a budget of their own
        rateLimitRetries: http.retry.rateLimitRetries,
      },
      tooLargeProblem: `answered more than ${http.maxResponseBytes} bytes on ${where}`,
      send: signal => this.#send(spec, where, signal, stats),
      interpret: (response, text) => {
        this.#noteRateLimit(response);
        return this.#interpret(where, response, text);
      },
      beforeAttempt: () => this.#waitForRateLimit(options),
      onRetry: ({ delayMs, rateLimited }) => {
        if (rateLimited) {
          this.#pausedUntil = Math.max(this.#pausedUntil, http.now() + delayMs);
        }
        if (stats) {
          stats.retries++;
          if (rateLimited) {
            stats.rateLimitWaitMs += delayMs;
          }
        }
      },
      describeRetry: retry =>
        `${retry.message}; retrying ${where} in ${retry.delayMs}ms (attempt ${retry.attempt})`,
    });
  }

  /** Waits while an earlier response said the rate limit is used up. */
  async #waitForRateLimit(options: PagerDutyRequestOptions): Promise<void> {
    const waitMs = Math.min(
      this.#pausedUntil - this.#http.now(),
      this.#http.retry.maxRateLimitWaitMs,
    );
    if (waitMs > 0) {
      if (options.stats) {
        options.stats.rateLimitWaitMs += waitMs;
      }
      await pause(waitMs, options.signal, this.#http.sleep);
    }
  }

  #noteRateLimit(response: Response): void {
    const remaining = parseSeconds(response.headers.get('ratelimit-remaining'));
    const reset = parseSeconds(response.headers.get('ratelimit-reset'));
    if (remaining === 0 && reset !== undefined && reset > 0) {
      this.#pausedUntil = Math.max(
        this.#pausedUntil,
        this.#http.now() +
          Math.min(reset * 1000, this.#http.retry.maxRateLimitWaitMs),
      );
    }
  }

  #send(
    spec: RequestSpec,
    where: string,
    signal: AbortSignal,
    stats: PagerDutyRequestStats | undefined,
  ): Promise<Response> {
    const search = spec.query ? encodeQuery(spec.query) : '';
    const headers: Record<string, string> = {
      Accept: ACCEPT,
      // the API document declares it on every operation, GETs included
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      Authorization: `Token token=${this.#token}`,
    };
    const body =
      spec.method === 'POST' ? JSON.stringify(spec.body ?? {}) : undefined;
    return fetchWithRedirects(
      `${this.#baseUrl}${spec.path}${search ? `?${search}` : ''}`,
      { method: spec.method, headers, body, signal },
      {
        fetch: this.#http.fetch,
        origin: this.#origin,
        maxRedirects: MAX_REDIRECTS,
        where,
        settings: ['baseUrl'],
        secret: 'the token is',
        // the Location and its origin are checked before the redirect count
        checks: ['bad-location', 'other-origin', 'too-many', 'method-change'],
        onRequest: () => {
          this.#requestCount++;
          if (stats) {
            stats.requests++;
          }
        },
      },
    );
  }

  #interpret(where: string, response: Response, text: string): AttemptOutcome {
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
          message: `${
            this.#label
          } answered malformed JSON on ${where} (HTTP ${status})`,
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
        this.#http.now(),
      );
      const candidates = [
        resetSeconds === undefined ? undefined : resetSeconds * 1000,
        retryAfterMs,
      ].filter((v): v is number => v !== undefined);
      return {
        kind: 'retry',
        rateLimited: true,
        retryAfterMs:
          candidates.length > 0 ? Math.max(...candidates) : undefined,
        message: `${this.#label} rate limited (HTTP 429) on ${where}`,
      };
    }
    const retry = retryableStatus(response, {
      label: this.#label,
      where,
      detail,
      now: this.#http.now,
      // a 503's Retry-After is not honoured (only a 429's)
      retryAfterStatuses: [],
    });
    if (retry) {
      return retry;
    }
    if (status === 401 || status === 403) {
      return {
        kind: 'fatal',
        verdict: 'neutral',
        error: new PagerDutyRequestError(
          `${
            this.#label
          } rejected the token (${status}) on ${where}${detail}; check reliability.pagerduty.accounts`,
          { account: this.name, statusCode: status, errorCode },
        ),
      };
    }
    if (status >= 400 && status < 500) {
      return {
        kind: 'fatal',
        verdict: 'success',
        error: new PagerDutyRequestError(
          `${this.#label} rejected ${where} (${status})${detail}`,
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
    const clean = cleanUpstreamText(parts.join(' '), MAX_DETAIL_LENGTH, text =>
      this.#redact(text),
    );
    return clean ? `: ${clean}` : '';
  }

  #redact(text: string): string {
    return this.#token ? text.split(this.#token).join('[redacted]') : text;
  }

  #fatal(problem: string, verdict: 'neutral'): AttemptOutcome {
    return upstreamFatal(
      { label: this.#label, upstream: this.name },
      problem,
      verdict,
    );
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
