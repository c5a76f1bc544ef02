import { callUpstream } from '../../providers/http/callUpstream';
import { cleanUpstreamText } from '../../providers/http/cleanUpstreamText';
import { fetchWithRedirects } from '../../providers/http/fetchWithRedirects';
import { nonJsonSuccess } from '../../providers/http/nonJsonSuccess';
import { UpstreamClientSettings } from '../../providers/http/readUpstreamClientOptions';
import { retryableStatus } from '../../providers/http/retryableStatus';
import { CallVerdict } from '../../providers/http/callWithCircuitBreaker';
import {
  UpstreamAttemptOutcome,
  upstreamFatal,
} from '../../providers/http/retryUpstreamCall';
import { mediaTypeOf, parseJson } from '../../providers/http/upstreamFetch';

const MAX_REDIRECTS = 3;

/** The retry options of the ticket providers. */
export type TicketRetryKey =
  | 'retries'
  | 'baseDelayMs'
  | 'maxDelayMs'
  | 'maxRetryAfterMs';

/** What a ticket API's own answer handler gets. */
export interface TicketAnswer {
  response: Response;
  /** The parsed JSON body, when the body is JSON. */
  json: { ok: true; value: unknown } | { ok: false };
  /** ` : <what the API said>`, cleaned, or `''`. */
  detail: string;
  fatal(
    problem: string,
    verdict: CallVerdict,
  ): { kind: 'fatal'; error: Error; verdict: CallVerdict };
}

/** One request to a ticket tracker's REST API (Jira, GitHub). */
export interface TicketApiRequest<T> {
  /** e.g. `Jira "example.atlassian.net"`. */
  label: string;
  upstream: string;
  method: 'GET' | 'POST';
  url: string;
  /** The only origin redirects are followed to. */
  origin: string;
  /** e.g. `GET /repos/o/r/issues/1`. */
  where: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** The configuration keys that make up the URL, for redirect messages. */
  settings: readonly string[];
  /** Names the API in messages, e.g. `the GitHub REST API`. */
  api: string;
  /** Where to check the credentials, ending the 401/403 message. */
  accessHint: string;
  /** The messages of an error body, e.g. Jira's `errorMessages`. */
  messagesOf(json: unknown): string[];
  /**
   * Handles a JSON success and the statuses the API gives a meaning of its
   * own; `undefined` leaves the rest to the common rules: 429 and 5xx are
   * retried, 401 and 403 refuse access, anything else fails.
   */
  interpret(answer: TicketAnswer): UpstreamAttemptOutcome<T> | undefined;
}

/**
 * Calls a ticket API with the retry, timeout, circuit breaker and redirect
 * rules of every upstream client ({@link callUpstream}), and the common
 * reading of its answers.
 */
export function callTicketApi<T>(
  http: UpstreamClientSettings<TicketRetryKey>,
  request: TicketApiRequest<T>,
): Promise<T> {
  const { label, upstream, where } = request;
  return callUpstream(http, {
    label,
    upstream,
    where,
    signal: request.signal,
    timeoutMs: request.timeoutMs,
    policy: http.retry,
    tooLargeProblem: `answered more than ${http.maxResponseBytes} bytes on ${where}`,
    send: s =>
      fetchWithRedirects(
        request.url,
        {
          method: request.method,
          headers: request.headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: s,
        },
        {
          fetch: http.fetch,
          origin: request.origin,
          maxRedirects: MAX_REDIRECTS,
          where,
          settings: request.settings,
          secret: 'credentials are',
        },
      ),
    interpret: (response, text): UpstreamAttemptOutcome<T> => {
      const status = response.status;
      const json = parseJson(text);
      const messages = json.ok ? request.messagesOf(json.value) : [];
      const detail = messages.length
        ? `: ${cleanUpstreamText(messages.join('; '), 300)}`
        : '';
      const fatal = (problem: string, verdict: CallVerdict) =>
        upstreamFatal({ label, upstream }, problem, verdict);
      if (status >= 200 && status < 300 && !json.ok) {
        return nonJsonSuccess(response, mediaTypeOf(response), text, {
          label,
          upstream,
          where,
          api: request.api,
        });
      }
      const own = request.interpret({
        response,
        json: json.ok ? { ok: true, value: json.value } : { ok: false },
        detail,
        fatal,
      });
      if (own) return own;
      const retry = retryableStatus(response, {
        label,
        where,
        detail,
        now: http.now,
      });
      if (retry) return retry;
      if (status === 401 || status === 403) {
        return fatal(
          `refused access with HTTP ${status} on ${where}${detail}; ${request.accessHint}`,
          'neutral',
        );
      }
      return fatal(`answered HTTP ${status} on ${where}${detail}`, 'neutral');
    },
  });
}
