import { cleanUpstreamText } from '../http/cleanUpstreamText';
import { InputError } from '@backstage/errors';
import { FiringAlert } from '@reliability-kit/backstage-plugin-reliability-common';
import { LabelMatcher } from '../prometheus';
import {
  InstanceClientOptions,
  InstanceHttpClient,
} from '../http/InstanceHttpClient';
import { retryableStatus } from '../http/retryableStatus';
import { UpstreamAttemptOutcome } from '../http/retryUpstreamCall';
import { nonJsonSuccess } from '../http/nonJsonSuccess';
import { mediaTypeOf, parseJson } from '../http/upstreamFetch';
import { formatAlertmanagerMatcher } from './formatAlertmanagerMatcher';
import { AlertmanagerInstanceConfig } from './readAlertmanagerInstances';
import { AlertmanagerSilence, AlertmanagerSilenceMatcher } from './types';

/**
 * Options of {@link AlertmanagerClient.listAlerts}. The booleans are sent
 * only when set; Alertmanager's defaults are all true.
 *
 * @public
 */
export interface AlertmanagerListAlertsOptions {
  /**
   * Label matchers, each sent as one `filter` (all must match), e.g. the
   * parsed `reliability-kit.io/alert-selector`. Empty means every alert.
   */
  matchers: LabelMatcher[];
  /** Include active (not suppressed) alerts. */
  active?: boolean;
  /** Include silenced alerts. */
  silenced?: boolean;
  /** Include inhibited alerts. */
  inhibited?: boolean;
  /** Include alerts not yet processed by the pipeline. */
  unprocessed?: boolean;
  signal?: AbortSignal;
}

/**
 * Options of {@link AlertmanagerClient.listSilences}.
 *
 * @public
 */
export interface AlertmanagerListSilencesOptions {
  /** Label matchers, each sent as one `filter`. */
  matchers?: LabelMatcher[];
  signal?: AbortSignal;
}

const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_DETAIL_LENGTH = 500;
const ALERT_STATES = new Set(['active', 'suppressed', 'unprocessed']);
const SILENCE_STATES = new Set(['active', 'pending', 'expired']);

/** Valid JSON whose shape is not what the Alertmanager API promises. */
class UnexpectedResponseError extends Error {}

/**
 * A client of the Alertmanager API v2 (`/api/v2`), as served by Prometheus
 * Alertmanager and compatible servers (Grafana Mimir's Alertmanager). One
 * client per configured instance.
 *
 * @remarks
 *
 * Every request has the instance's timeout, combined with the caller's
 * signal. 5xx, 429, timeouts and network errors are retried with exponential
 * back-off and jitter (honouring `Retry-After`); a 400 (e.g. a matcher
 * Alertmanager cannot parse) fails at once with an `InputError`; everything
 * else that fails is an {@link UpstreamUnavailableError}. Redirects are only
 * followed within the configured origin. A {@link CircuitBreaker} fails
 * calls fast while the upstream keeps failing. Configured headers, filters
 * and full URLs are never logged nor put in error messages.
 *
 * @public
 */
export class AlertmanagerClient extends InstanceHttpClient {
  /** Creates a client for one instance read by `readAlertmanagerInstances`. */
  static fromConfig(
    instance: AlertmanagerInstanceConfig,
    options: InstanceClientOptions,
  ): AlertmanagerClient {
    return new AlertmanagerClient(instance, options);
  }

  private constructor(
    instance: AlertmanagerInstanceConfig,
    options: InstanceClientOptions,
  ) {
    super('Alertmanager', instance, options, DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * Lists the alerts Alertmanager holds now (`GET /api/v2/alerts`), which
   * are the firing ones: Alertmanager leaves resolved alerts out. Sorted by
   * start time, then name.
   *
   * @throws InputError for invalid matchers or when Alertmanager rejects
   * them, {@link UpstreamUnavailableError} when it cannot answer, or the
   * caller's abort reason.
   */
  async listAlerts(
    options: AlertmanagerListAlertsOptions,
  ): Promise<FiringAlert[]> {
    const params = filterParams(options.matchers);
    for (const flag of [
      'active',
      'silenced',
      'inhibited',
      'unprocessed',
    ] as const) {
      const value = options[flag];
      if (value !== undefined) {
        if (typeof value !== 'boolean') {
          throw new InputError(`${flag} must be a boolean`);
        }
        params.set(flag, String(value));
      }
    }
    const alerts = await this.#call(
      '/api/v2/alerts',
      params,
      options.signal,
      parseGettableAlerts,
    );
    return alerts.sort(
      (a, b) =>
        Date.parse(a.startsAt) - Date.parse(b.startsAt) ||
        compare(a.name, b.name) ||
        compare(labelsKey(a.labels), labelsKey(b.labels)),
    );
  }

  /**
   * Lists silences (`GET /api/v2/silences`): active, pending and expired
   * ones that Alertmanager still keeps. Sorted by start time, then id.
   *
   * @throws as {@link AlertmanagerClient.listAlerts}.
   */
  async listSilences(
    options: AlertmanagerListSilencesOptions = {},
  ): Promise<AlertmanagerSilence[]> {
    const silences = await this.#call(
      '/api/v2/silences',
      filterParams(options.matchers ?? []),
      options.signal,
      parseGettableSilences,
    );
    return silences.sort(
      (a, b) =>
        Date.parse(a.startsAt) - Date.parse(b.startsAt) || compare(a.id, b.id),
    );
  }

  #call<T>(
    apiPath: string,
    params: URLSearchParams,
    callerSignal: AbortSignal | undefined,
    parse: (data: unknown) => T,
  ): Promise<T> {
    return this.send(
      { apiPath, method: 'GET', params },
      callerSignal,
      maxBytes =>
        `answered more than ${Math.round(
          maxBytes / (1024 * 1024),
        )} MiB on ${apiPath}; narrow the alert-selector`,
      (response, text) => this.#interpret(apiPath, response, text, parse),
    );
  }

  #interpret<T>(
    apiPath: string,
    response: Response,
    text: string,
    parse: (data: unknown) => T,
  ): UpstreamAttemptOutcome<T> {
    const status = response.status;
    const mediaType = mediaTypeOf(response);
    const json = parseJson(text);
    // Alertmanager sends errors as a JSON string (or plain text)
    let detail: string | undefined;
    if (json.ok && typeof json.value === 'string') {
      detail = cleanDetail(json.value);
    } else if (!json.ok && mediaType.startsWith('text/')) {
      detail = cleanDetail(text);
    }
    const detailNote = detail ? `: ${detail}` : '';

    if (status >= 200 && status < 300) {
      if (!json.ok) {
        return nonJsonSuccess(response, mediaType, text, {
          label: this.target.label,
          upstream: this.name,
          where: apiPath,
          api: 'the Alertmanager API',
        });
      }
      try {
        return { kind: 'ok', value: parse(json.value) };
      } catch (e) {
        if (e instanceof UnexpectedResponseError) {
          return this.fatal(
            `answered an unexpected response on ${apiPath}: ${e.message}`,
            'failure',
          );
        }
        throw e;
      }
    }
    if (status === 400 || status === 422) {
      const error = new InputError(
        `${this.target.label} rejected the request on ${apiPath}${detailNote}`,
      );
      return { kind: 'fatal', error, verdict: 'success' };
    }
    const retry = retryableStatus(response, {
      label: this.target.label,
      where: apiPath,
      detail: detailNote,
      now: this.http.now,
    });
    if (retry) {
      return retry;
    }
    if (status === 401 || status === 403) {
      return this.fatal(
        `refused access with HTTP ${status} on ${apiPath}${detailNote}; check the configured headers`,
        'neutral',
      );
    }
    if (status === 404) {
      return this.fatal(
        `answered HTTP 404 on ${apiPath}${detailNote}; check baseUrl and pathPrefix (Alertmanager API v2 is needed: Alertmanager 0.16 or later)`,
        'neutral',
      );
    }
    return this.fatal(
      `answered HTTP ${status} on ${apiPath}${detailNote}`,
      'neutral',
    );
  }
}

function filterParams(matchers: LabelMatcher[]): URLSearchParams {
  if (!Array.isArray(matchers)) {
    throw new InputError('matchers must be an array of label matchers');
  }
  const params = new URLSearchParams();
  for (const matcher of matchers) {
    params.append('filter', formatAlertmanagerMatcher(matcher));
  }
  return params;
}

// ----------------------------------------------------------------- parsing

function fail(path: string, problem: string): never {
  throw new UnexpectedResponseError(`${path} ${problem}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelSet(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isObject(value)) {
    return fail(path, 'is not a label set');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      return fail(`${path}.${k}`, 'is not a string');
    }
    out[k] = v;
  }
  return out;
}

function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    return fail(path, 'is not a string');
  }
  return value;
}

function dateTime(value: unknown, path: string): string {
  const text = requiredString(value, path);
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) {
    return fail(path, 'is not an RFC 3339 date-time');
  }
  return new Date(ms).toISOString();
}

function stringArray(value: unknown, path: string): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    return fail(path, 'is not an array of strings');
  }
  return [...value];
}

/** Maps `GET /api/v2/alerts` (gettableAlerts) to firing alerts. */
export function parseGettableAlerts(data: unknown): FiringAlert[] {
  if (!Array.isArray(data)) {
    return fail('the body', 'is not an array of alerts');
  }
  return data.map((raw, i): FiringAlert => {
    const path = `[${i}]`;
    if (!isObject(raw)) {
      return fail(path, 'is not an alert');
    }
    const labels = labelSet(raw.labels, `${path}.labels`);
    const annotations = labelSet(raw.annotations, `${path}.annotations`);
    if (!isObject(raw.status)) {
      return fail(`${path}.status`, 'is missing');
    }
    const state = requiredString(raw.status.state, `${path}.status.state`);
    if (!ALERT_STATES.has(state)) {
      return fail(
        `${path}.status.state`,
        'is not one of active, suppressed, unprocessed',
      );
    }
    const fingerprint =
      typeof raw.fingerprint === 'string' ? raw.fingerprint : '';
    const alert: FiringAlert = {
      name: labels.alertname ?? fingerprint,
      startsAt: dateTime(raw.startsAt, `${path}.startsAt`),
      state: state as FiringAlert['state'],
      silencedBy: stringArray(
        raw.status.silencedBy,
        `${path}.status.silencedBy`,
      ),
      labels,
    };
    if (labels.severity) {
      alert.severity = labels.severity;
    }
    if (annotations.summary?.trim()) {
      alert.summary = annotations.summary;
    }
    if (annotations.runbook_url?.trim()) {
      alert.runbookUrl = annotations.runbook_url.trim();
    }
    return alert;
  });
}

/** Maps `GET /api/v2/silences` (gettableSilences). */
export function parseGettableSilences(data: unknown): AlertmanagerSilence[] {
  if (!Array.isArray(data)) {
    return fail('the body', 'is not an array of silences');
  }
  return data.map((raw, i): AlertmanagerSilence => {
    const path = `[${i}]`;
    if (!isObject(raw)) {
      return fail(path, 'is not a silence');
    }
    if (!isObject(raw.status)) {
      return fail(`${path}.status`, 'is missing');
    }
    const state = requiredString(raw.status.state, `${path}.status.state`);
    if (!SILENCE_STATES.has(state)) {
      return fail(
        `${path}.status.state`,
        'is not one of active, pending, expired',
      );
    }
    if (!Array.isArray(raw.matchers)) {
      return fail(`${path}.matchers`, 'is not an array');
    }
    const matchers = raw.matchers.map((m, j): AlertmanagerSilenceMatcher => {
      const at = `${path}.matchers[${j}]`;
      if (!isObject(m)) {
        return fail(at, 'is not a matcher');
      }
      if (typeof m.isRegex !== 'boolean') {
        return fail(`${at}.isRegex`, 'is not a boolean');
      }
      if (m.isEqual !== undefined && typeof m.isEqual !== 'boolean') {
        return fail(`${at}.isEqual`, 'is not a boolean');
      }
      return {
        name: requiredString(m.name, `${at}.name`),
        value: requiredString(m.value, `${at}.value`),
        isRegex: m.isRegex,
        isEqual: m.isEqual ?? true,
      };
    });
    const silence: AlertmanagerSilence = {
      id: requiredString(raw.id, `${path}.id`),
      state: state as AlertmanagerSilence['state'],
      matchers,
      startsAt: dateTime(raw.startsAt, `${path}.startsAt`),
      endsAt: dateTime(raw.endsAt, `${path}.endsAt`),
      createdBy: requiredString(raw.createdBy, `${path}.createdBy`),
      comment: requiredString(raw.comment, `${path}.comment`),
    };
    if (raw.updatedAt !== undefined) {
      silence.updatedAt = dateTime(raw.updatedAt, `${path}.updatedAt`);
    }
    return silence;
  });
}

// ----------------------------------------------------------------- helpers

function compare(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

function labelsKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.entries(labels).sort(([a], [b]) => compare(a, b)),
  );
}

/** Makes an upstream-provided string safe and short enough for a message. */
function cleanDetail(value: string): string | undefined {
  return cleanUpstreamText(value, MAX_DETAIL_LENGTH) || undefined;
}
