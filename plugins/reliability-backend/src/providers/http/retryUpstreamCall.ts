import { LoggerService } from '@backstage/backend-plugin-api';
import { UpstreamUnavailableError } from './UpstreamUnavailableError';
import { CallVerdict, withVerdict } from './callWithCircuitBreaker';
import { RedirectRefusedError } from './fetchWithRedirects';
import {
  ResponseTooLargeError,
  abortReason,
  backoffDelay,
  networkCode,
  pause,
  readBody,
} from './upstreamFetch';

/** An attempt that failed in a way a later attempt may not. */
export interface UpstreamRetryOutcome {
  kind: 'retry';
  /** The final error message, should no retry be left. */
  message: string;
  /** How long the upstream asked to wait, e.g. with `Retry-After`. */
  retryAfterMs?: number;
  /**
   * The upstream rate limited the request (HTTP 429); such attempts count
   * apart when {@link UpstreamRetryPolicy.rateLimitRetries} is set.
   */
  rateLimited?: boolean;
  /**
   * A success status with a body that is not valid JSON: retried once at
   * most per call.
   */
  malformed?: boolean;
  cause?: unknown;
}

/** The outcome of one attempt of a call. */
export type UpstreamAttemptOutcome<T> =
  | { kind: 'ok'; value: T }
  | UpstreamRetryOutcome
  | { kind: 'fatal'; error: Error; verdict: CallVerdict };

/** How {@link retryUpstreamCall} retries. */
export interface UpstreamRetryPolicy {
  /**
   * Retries after failed attempts (timeouts, network errors, retryable
   * statuses, malformed JSON).
   */
  retries: number;
  /** The first back-off, in milliseconds; it doubles per retry. */
  baseDelayMs: number;
  /** The longest back-off, in milliseconds. */
  maxDelayMs: number;
  /**
   * The longest wait the upstream can ask for (`retryAfterMs`); longer
   * waits are capped.
   */
  maxRetryAfterMs: number;
  /**
   * Retries after rate-limited attempts, counted apart from `retries`; such
   * a wait (the back-off included) is capped at `maxRetryAfterMs`, and
   * running out of them says nothing about the upstream's health. Without
   * it, rate-limited attempts count as failed ones.
   */
  rateLimitRetries?: number;
}

/** Options of {@link retryUpstreamCall}. */
export interface RetryUpstreamCallOptions<T> {
  /** Names the upstream in messages, e.g. `Prometheus "eu-west"`. */
  label: string;
  /** The configured name of the upstream (`UpstreamUnavailableError.upstream`). */
  upstream: string;
  /** Names the request in messages, e.g. `/api/v1/query` or `GET /users`. */
  where: string;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** The timeout of each attempt, in milliseconds. */
  timeoutMs: number;
  policy: UpstreamRetryPolicy;
  logger: LoggerService;
  sleep: (ms: number) => Promise<void>;
  /** Random numbers in [0, 1) for back-off jitter. */
  random: () => number;
  /** The largest response body accepted, in bytes. */
  maxResponseBytes: number;
  /**
   * What a body larger than `maxResponseBytes` is reported as, after the
   * label, e.g. `answered more than 32 MiB on /api/v2/alerts`.
   */
  tooLargeProblem: string;
  /** Sends the request, e.g. with {@link fetchWithRedirects}. */
  send: (signal: AbortSignal) => Promise<Response>;
  /** Judges a response whose body was read. May throw (without a verdict). */
  interpret: (response: Response, text: string) => UpstreamAttemptOutcome<T>;
  /** Awaited before each attempt. */
  beforeAttempt?: () => Promise<void>;
  /**
   * Called when an attempt is going to be retried, before the retry is
   * logged; `rateLimited` when it counts as a rate-limited attempt.
   */
  onRetry?: (retry: { delayMs: number; rateLimited: boolean }) => void;
  /**
   * The warning logged before a retry. Default `<message>; retrying in
   * <delayMs>ms (attempt <attempt> of <maxAttempts>)`.
   */
  describeRetry?: (retry: {
    message: string;
    delayMs: number;
    /** The attempt about to be made, 2 for the first retry. */
    attempt: number;
    /** `policy.retries + 1`. */
    maxAttempts: number;
  }) => string;
}

/**
 * Makes a request to an upstream with retries.
 *
 * @remarks
 *
 * Each attempt has its own timeout, combined with the caller's signal; it
 * sends the request and reads the body (at most `maxResponseBytes`), then
 * `interpret` judges the response. Timeouts and network errors are retried,
 * as are the outcomes `interpret` says to retry (see {@link retryableStatus}
 * for statuses), with exponential back-off and jitter, or the wait the
 * upstream asked for (capped); malformed JSON is retried once. A refused
 * redirect ({@link RedirectRefusedError}) or a too large body fails at once.
 * Failures are {@link UpstreamUnavailableError}s named by `label` and
 * `where`, marked with a verdict for {@link callWithCircuitBreaker}.
 *
 * @throws the caller's abort reason when it aborts, the `fatal` outcomes of
 * `interpret`, or a retryable {@link UpstreamUnavailableError} once no retry
 * is left.
 */
export async function retryUpstreamCall<T>(
  options: RetryUpstreamCallOptions<T>,
): Promise<T> {
  const { policy } = options;
  const maxAttempts = policy.retries + 1;
  const backoff = (n: number) =>
    backoffDelay(n, policy.baseDelayMs, policy.maxDelayMs, () =>
      options.random(),
    );
  let failures = 0;
  let rateLimits = 0;
  let retriedMalformed = false;
  for (let attempt = 1; ; attempt++) {
    await options.beforeAttempt?.();
    const outcome = await attemptOnce(options);
    if (outcome.kind === 'ok') {
      return outcome.value;
    }
    if (outcome.kind === 'fatal') {
      throw withVerdict(outcome.error, outcome.verdict);
    }
    const rateLimited =
      Boolean(outcome.rateLimited) && policy.rateLimitRetries !== undefined;
    let canRetry: boolean;
    if (rateLimited) {
      rateLimits++;
      canRetry = rateLimits <= (policy.rateLimitRetries ?? 0);
    } else {
      failures++;
      canRetry =
        failures <= policy.retries && !(outcome.malformed && retriedMalformed);
      retriedMalformed ||= Boolean(outcome.malformed);
    }
    if (!canRetry) {
      const error = new UpstreamUnavailableError(
        attempt > 1
          ? `${outcome.message} (gave up after ${attempt} attempts)`
          : outcome.message,
        { upstream: options.upstream, retryable: true, cause: outcome.cause },
      );
      throw withVerdict(error, rateLimited ? 'neutral' : 'failure');
    }
    let delayMs: number;
    if (rateLimited) {
      delayMs = Math.min(
        outcome.retryAfterMs ?? backoff(rateLimits),
        policy.maxRetryAfterMs,
      );
    } else if (outcome.retryAfterMs !== undefined) {
      delayMs = Math.min(outcome.retryAfterMs, policy.maxRetryAfterMs);
    } else {
      delayMs = backoff(failures);
    }
    options.onRetry?.({ delayMs, rateLimited });
    const retry = {
      message: outcome.message,
      delayMs,
      attempt: attempt + 1,
      maxAttempts,
    };
    options.logger.warn(
      options.describeRetry
        ? options.describeRetry(retry)
        : `${retry.message}; retrying in ${delayMs}ms (attempt ${retry.attempt} of ${maxAttempts})`,
    );
    await pause(delayMs, options.signal, options.sleep);
  }
}

/**
 * A `fatal` outcome with a non-retryable {@link UpstreamUnavailableError}
 * `<label> <problem>`.
 */
export function upstreamFatal(
  options: { label: string; upstream: string },
  problem: string,
  verdict: CallVerdict,
): { kind: 'fatal'; error: Error; verdict: CallVerdict } {
  return {
    kind: 'fatal',
    verdict,
    error: new UpstreamUnavailableError(`${options.label} ${problem}`, {
      upstream: options.upstream,
      retryable: false,
    }),
  };
}

async function attemptOnce<T>(
  options: RetryUpstreamCallOptions<T>,
): Promise<UpstreamAttemptOutcome<T>> {
  const { label, where, signal: callerSignal } = options;
  const timeoutSignal = AbortSignal.timeout(options.timeoutMs);
  const signal = callerSignal
    ? AbortSignal.any([callerSignal, timeoutSignal])
    : timeoutSignal;

  let response: Response;
  let text: string;
  try {
    response = await options.send(signal);
    text = await readBody(response, options.maxResponseBytes);
  } catch (e) {
    if (e instanceof RedirectRefusedError) {
      return upstreamFatal(options, e.message, 'neutral');
    }
    if (callerSignal?.aborted) {
      throw abortReason(callerSignal);
    }
    if (e instanceof ResponseTooLargeError) {
      return upstreamFatal(options, options.tooLargeProblem, 'neutral');
    }
    if (timeoutSignal.aborted) {
      return {
        kind: 'retry',
        message: `${label} unreachable: timed out after ${options.timeoutMs}ms on ${where}`,
      };
    }
    return {
      kind: 'retry',
      message: `${label} unreachable: network error on ${where}${networkCode(
        e,
      )}`,
      cause: e,
    };
  }
  return options.interpret(response, text);
}
