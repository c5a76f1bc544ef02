import { callWithCircuitBreaker } from './callWithCircuitBreaker';
import { UpstreamClientSettings } from './readUpstreamClientOptions';
import {
  RetryUpstreamCallOptions,
  retryUpstreamCall,
} from './retryUpstreamCall';

/** What {@link callUpstream} takes from a client's settings. */
export type UpstreamCallClient = Pick<
  UpstreamClientSettings<string>,
  'breaker' | 'logger' | 'sleep' | 'random' | 'maxResponseBytes'
>;

/**
 * One call to an upstream: {@link retryUpstreamCall} through the client's
 * circuit breaker ({@link callWithCircuitBreaker}). The single trial call of
 * a half-open breaker makes one attempt, plus its rate-limit retries.
 */
export function callUpstream<T>(
  client: UpstreamCallClient,
  call: Omit<
    RetryUpstreamCallOptions<T>,
    'logger' | 'sleep' | 'random' | 'maxResponseBytes'
  >,
): Promise<T> {
  return callWithCircuitBreaker(
    {
      breaker: client.breaker,
      label: call.label,
      upstream: call.upstream,
      logger: client.logger,
      signal: call.signal,
    },
    trial =>
      retryUpstreamCall({
        ...call,
        policy: trial ? { ...call.policy, retries: 0 } : call.policy,
        logger: client.logger,
        sleep: client.sleep,
        random: client.random,
        maxResponseBytes: client.maxResponseBytes,
      }),
  );
}
