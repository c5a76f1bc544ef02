import { cleanUpstreamText } from '../http/cleanUpstreamText';
import { MetricsBackendKind } from '@reliability-kit/backstage-plugin-reliability-common';
import { InputError } from '@backstage/errors';
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
import {
  InstanceClientOptions,
  InstanceHttpClient,
  InstanceRequest,
} from '../http/InstanceHttpClient';
import { retryableStatus } from '../http/retryableStatus';
import { UpstreamAttemptOutcome } from '../http/retryUpstreamCall';
import { nonJsonSuccess } from '../http/nonJsonSuccess';
import { mediaTypeOf, parseJson } from '../http/upstreamFetch';

export { parseRetryAfter } from '../http/parseRetryAfter';

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

interface RequestSpec extends InstanceRequest {
  /** What the upstream rejects on a 400: `query` or `request`. */
  subject: 'query' | 'request';
}

type AttemptOutcome<T> = UpstreamAttemptOutcome<
  { value: T } & PromResponseMeta
>;

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
export class PrometheusClient extends InstanceHttpClient {
  /** What serves the instance (its configured `kind`). */
  readonly kind: MetricsBackendKind;

  /** Creates a client for one instance read by `readPrometheusInstances`. */
  static fromConfig(
    instance: PrometheusInstanceConfig,
    options: InstanceClientOptions,
  ): PrometheusClient {
    return new PrometheusClient(instance, options);
  }

  private constructor(
    instance: PrometheusInstanceConfig,
    options: InstanceClientOptions,
  ) {
    super('Prometheus', instance, options, DEFAULT_MAX_RESPONSE_BYTES);
    this.kind = instance.kind ?? 'prometheus';
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

  #call<T>(
    spec: RequestSpec,
    callerSignal: AbortSignal | undefined,
    parse: (data: unknown) => T,
  ): Promise<{ value: T } & PromResponseMeta> {
    return this.send(
      spec,
      callerSignal,
      maxBytes =>
        `answered more than ${formatBytes(maxBytes)} on ${
          spec.apiPath
        }; narrow the query or use a larger step`,
      (response, text) => this.#interpret(spec, response, text, parse),
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
          label: this.target.label,
          upstream: this.name,
          where,
          api: 'the Prometheus API',
        });
      }
      if (!envelope) {
        return this.fatal(
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
            return this.fatal(
              `answered an unexpected response on ${where}: ${e.message}`,
              'failure',
            );
          }
          throw e;
        }
      }
      if (!errorEnvelope) {
        return this.fatal(
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
        message: `${this.target.label} unreachable: HTTP ${status} on ${where}: ${detail}`,
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
      label: this.target.label,
      where,
      detail: detail ? `: ${detail}` : bodyNote,
      now: this.http.now,
    });
    if (retry) {
      return retry;
    }
    if (status === 401 || status === 403) {
      return this.fatal(
        `refused access with HTTP ${status} on ${where}${
          detail ? `: ${detail}` : ''
        }; check the configured headers`,
        'neutral',
      );
    }
    if (status === 404) {
      return this.fatal(
        `answered HTTP 404 on ${where}${
          detail ? `: ${detail}` : ''
        }; check baseUrl and pathPrefix`,
        'neutral',
      );
    }
    return this.fatal(
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
        `${this.target.label} rejected the ${spec.subject}: ${detail}`,
        { upstream: this.name, statusCode: status, errorType },
      ),
    };
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
