import { CallVerdict } from './callWithCircuitBreaker';
import { UpstreamRetryOutcome, upstreamFatal } from './retryUpstreamCall';

/** Options of {@link nonJsonSuccess}. */
export interface NonJsonSuccessOptions {
  /** Names the upstream in messages, e.g. `Prometheus "eu-west"`. */
  label: string;
  /** The configured name of the upstream (`UpstreamUnavailableError.upstream`). */
  upstream: string;
  /** Names the request in messages, e.g. `/api/v1/query`. */
  where: string;
  /** What the configuration should point at, e.g. `the Prometheus API`. */
  api: string;
}

/**
 * The outcome of a success status (2xx) whose body is not valid JSON. When
 * it claims or looks like JSON it is malformed (retried once, see
 * {@link UpstreamRetryOutcome.malformed}); otherwise the URL most likely
 * points at something else, such as a login page: a failure naming the
 * media type.
 */
export function nonJsonSuccess(
  response: Response,
  mediaType: string,
  text: string,
  options: NonJsonSuccessOptions,
):
  | UpstreamRetryOutcome
  | { kind: 'fatal'; error: Error; verdict: CallVerdict } {
  const { label, where } = options;
  const status = response.status;
  const looksJson = mediaType.includes('json') || /^\s*[[{]/.test(text);
  if (looksJson) {
    return {
      kind: 'retry',
      malformed: true,
      message: `${label} answered malformed JSON on ${where} (HTTP ${status})`,
    };
  }
  return upstreamFatal(
    options,
    `answered HTTP ${status} with a non-JSON ${
      mediaType || 'untyped'
    } body on ${where}; check that baseUrl and pathPrefix point at ${
      options.api
    }`,
    'failure',
  );
}
