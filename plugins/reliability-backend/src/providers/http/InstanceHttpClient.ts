import { CircuitState } from './CircuitBreaker';
import { callUpstream } from './callUpstream';
import { fetchWithRedirects } from './fetchWithRedirects';
import {
  HttpClientOptions,
  UpstreamClientSettings,
  readUpstreamClientOptions,
} from './readUpstreamClientOptions';
import { UpstreamAttemptOutcome, upstreamFatal } from './retryUpstreamCall';
import {
  STANDARD_RETRY_DEFAULTS,
  UpstreamTarget,
  upstreamTargetOf,
} from './upstreamTarget';

/**
 * How a client of a configured instance (Prometheus, Alertmanager) retries
 * failed requests.
 *
 * @public
 */
export interface InstanceRetryOptions {
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
 * Options of a client of a configured instance (`PrometheusClient.fromConfig`,
 * `AlertmanagerClient.fromConfig`).
 *
 * @public
 */
export type InstanceClientOptions = HttpClientOptions<InstanceRetryOptions>;

/** One request to an instance: GET sends `params` in the URL, POST as a form. */
export interface InstanceRequest {
  apiPath: string;
  method: 'GET' | 'POST';
  params: URLSearchParams;
}

/** What a configured instance (as read from app-config) consists of. */
export interface InstanceConfig {
  name: string;
  uiUrl: string;
  baseUrl: string;
  pathPrefix: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

const USER_AGENT = 'reliability-kit';
const MAX_REDIRECTS = 3;

/**
 * What the clients of configured instances (Prometheus, Alertmanager) share:
 * the target, the checked options with their circuit breaker, sending a
 * request (headers, redirects within the origin) and the retry loop. Each
 * subclass interprets its API's answers.
 *
 * @public
 */
export abstract class InstanceHttpClient {
  /** The configured instance name. */
  readonly name: string;
  /** Where users are linked to. */
  readonly uiUrl: string;

  /** Where requests go, and how messages name the instance. */
  protected readonly target: UpstreamTarget;
  /** The options with their defaults applied. */
  protected readonly http: UpstreamClientSettings<keyof InstanceRetryOptions>;

  protected constructor(
    product: string,
    instance: InstanceConfig,
    options: InstanceClientOptions,
    defaultMaxResponseBytes: number,
  ) {
    this.name = instance.name;
    this.uiUrl = instance.uiUrl;
    this.target = upstreamTargetOf(product, instance);
    this.http = readUpstreamClientOptions(`${product}Client`, options, {
      retry: STANDARD_RETRY_DEFAULTS,
      maxResponseBytes: defaultMaxResponseBytes,
    });
  }

  /** The state of this client's circuit breaker. */
  get circuitState(): CircuitState {
    return this.http.breaker.state;
  }

  /**
   * Sends `request` with retries, and resolves with what `interpret` makes
   * of the answer. `tooLargeProblem` completes the message of a response
   * over the size limit.
   */
  protected send<T>(
    request: InstanceRequest,
    callerSignal: AbortSignal | undefined,
    tooLargeProblem: (maxResponseBytes: number) => string,
    interpret: (response: Response, text: string) => UpstreamAttemptOutcome<T>,
  ): Promise<T> {
    const http = this.http;
    return callUpstream(http, {
      label: this.target.label,
      upstream: this.name,
      where: request.apiPath,
      signal: callerSignal,
      timeoutMs: this.target.timeoutMs,
      policy: http.retry,
      tooLargeProblem: tooLargeProblem(http.maxResponseBytes),
      send: signal => this.#fetch(request, signal),
      interpret,
    });
  }

  /** A failure that is not retried, in this instance's words. */
  protected fatal<T>(
    problem: string,
    verdict: 'failure' | 'neutral',
  ): UpstreamAttemptOutcome<T> {
    return upstreamFatal(
      { label: this.target.label, upstream: this.name },
      problem,
      verdict,
    );
  }

  #fetch(request: InstanceRequest, signal: AbortSignal): Promise<Response> {
    const { apiPath, method, params } = request;
    const query =
      method === 'GET' && [...params.keys()].length > 0 ? `?${params}` : '';
    const body = method === 'POST' ? params.toString() : undefined;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...this.target.headers,
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return fetchWithRedirects(
      `${this.target.baseUrl}${apiPath}${query}`,
      { method, headers, body, signal },
      {
        fetch: this.http.fetch,
        origin: this.target.origin,
        maxRedirects: MAX_REDIRECTS,
        where: apiPath,
        settings: ['baseUrl', 'pathPrefix'],
        secret: 'credentials are',
      },
    );
  }
}
