import { mockServices } from '@backstage/backend-test-utils';
import { CircuitBreaker } from './CircuitBreaker';
import { callUpstream } from './callUpstream';
import { UpstreamAttemptOutcome } from './retryUpstreamCall';

/** Names and limits of the request, as retryUpstreamCall takes them. */
const REQUEST = {
  label: 'Thing "a"',
  upstream: 'a',
  where: '/q',
  signal: undefined,
  timeoutMs: 1_000,
};

describe('callUpstream', () => {
  function setup(script: UpstreamAttemptOutcome<number>[]) {
    let outcomes = script;
    let now = 0;
    const client = {
      breaker: new CircuitBreaker({
        failureThreshold: 1,
        coolDownMs: 1_000,
        now: () => now,
      }),
      logger: mockServices.logger.mock(),
      sleep: jest.fn(async (_ms: number) => {}),
      random: () => 1,
      maxResponseBytes: 100,
    };
    const send = jest.fn(async () => new Response('{}'));
    let i = 0;
    const call = (): Promise<number> =>
      callUpstream(client, {
        ...REQUEST,
        policy: {
          retries: 2,
          baseDelayMs: 10,
          maxDelayMs: 10,
          maxRetryAfterMs: 10,
          rateLimitRetries: 1,
        },
        tooLargeProblem: 'answered too much',
        send,
        interpret: () => outcomes[Math.min(i++, outcomes.length - 1)],
      });
    return {
      client,
      send,
      call,
      /** The outcomes of the next attempts. */
      then: (next: UpstreamAttemptOutcome<number>[]) => {
        outcomes = next;
        i = 0;
      },
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  const failed = {
    kind: 'retry',
    message: 'Thing "a" unreachable: HTTP 500',
  } as const;
  const limited = { ...failed, rateLimited: true };

  it('retries through the breaker, which opens when the call fails', async () => {
    const { call, send, client } = setup([failed]);
    await expect(call()).rejects.toThrow('(gave up after 3 attempts)');
    expect(send).toHaveBeenCalledTimes(3);
    expect(client.breaker.state).toBe('open');
    await expect(call()).rejects.toThrow('circuit open');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('makes a single attempt on the trial, plus its rate-limit retries', async () => {
    const { call, send, advance, then } = setup([failed]);
    await expect(call()).rejects.toThrow();
    expect(send).toHaveBeenCalledTimes(3);
    advance(1_000);
    then([limited, failed]);
    // the trial: a rate limit (retried), then a failure (not retried)
    await expect(call()).rejects.toThrow('(gave up after 2 attempts)');
    expect(send).toHaveBeenCalledTimes(5);
  });
});
