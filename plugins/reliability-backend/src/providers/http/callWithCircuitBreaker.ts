import { LoggerService } from '@backstage/backend-plugin-api';
import { CircuitBreaker } from './CircuitBreaker';
import { UpstreamUnavailableError } from './UpstreamUnavailableError';

/**
 * What the outcome of a call says about the upstream's health: a `success`
 * (it answered, even if it refused the request), a `failure` (it could not
 * answer), or `neutral` (nothing, e.g. the caller aborted or a redirect was
 * refused).
 */
export type CallVerdict = 'success' | 'failure' | 'neutral';

/** The verdict of errors thrown by a call; errors without one are neutral. */
const verdicts = new WeakMap<object, CallVerdict>();

/**
 * Marks an error with what it says about the upstream's health, for
 * {@link callWithCircuitBreaker}; returns the error.
 */
export function withVerdict<E extends object>(
  error: E,
  verdict: CallVerdict,
): E {
  verdicts.set(error, verdict);
  return error;
}

/** Options of {@link callWithCircuitBreaker}. */
export interface CircuitBreakerCallOptions {
  breaker: CircuitBreaker;
  /** Names the upstream in messages, e.g. `Prometheus "eu-west"`. */
  label: string;
  /** The configured name of the upstream (`UpstreamUnavailableError.upstream`). */
  upstream: string;
  logger: LoggerService;
  /** The caller's signal. */
  signal?: AbortSignal;
}

/**
 * Runs `call` through a circuit breaker.
 *
 * @remarks
 *
 * Fails at once with the caller's abort reason when `signal` is already
 * aborted, and with a retryable {@link UpstreamUnavailableError} (carrying
 * `retryAfterMs`) while the breaker is open. `call` is told whether it is the
 * single trial call of a half-open breaker (which should not retry). A result
 * is recorded as a success; a thrown error by its verdict (see
 * {@link withVerdict}), as neutral when it has none or the caller aborted.
 * The breaker opening is logged once, as a warning.
 */
export async function callWithCircuitBreaker<T>(
  options: CircuitBreakerCallOptions,
  call: (trial: boolean) => Promise<T>,
): Promise<T> {
  const { breaker, label, logger, signal } = options;
  signal?.throwIfAborted();
  if (!breaker.tryAcquire()) {
    const waitMs = breaker.retryAfterMs;
    throw new UpstreamUnavailableError(
      `${label} unreachable: circuit open after ${
        breaker.consecutiveFailures
      } consecutive failed calls; next attempt in ${Math.ceil(waitMs / 1000)}s`,
      { upstream: options.upstream, retryable: true, retryAfterMs: waitMs },
    );
  }
  // a half-open breaker lets exactly one attempt through
  const trial = breaker.state === 'half-open';
  try {
    const result = await call(trial);
    breaker.recordSuccess();
    return result;
  } catch (e) {
    const verdict: CallVerdict = signal?.aborted
      ? 'neutral'
      : verdicts.get(e as object) ?? 'neutral';
    if (verdict === 'success') {
      breaker.recordSuccess();
    } else if (verdict === 'failure') {
      if (breaker.recordFailure()) {
        logger.warn(
          `${label} circuit opened after ${
            breaker.consecutiveFailures
          } consecutive failed calls; failing fast for ${Math.round(
            breaker.retryAfterMs / 1000,
          )}s`,
        );
      }
    } else {
      breaker.recordNeutral();
    }
    throw e;
  }
}
