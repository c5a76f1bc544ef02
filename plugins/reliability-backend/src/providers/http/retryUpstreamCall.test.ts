import { mockServices } from '@backstage/backend-test-utils';
import { CircuitBreaker } from './CircuitBreaker';
import { UpstreamUnavailableError } from './UpstreamUnavailableError';
import { callWithCircuitBreaker } from './callWithCircuitBreaker';
import { RedirectRefusedError } from './fetchWithRedirects';
import {
  RetryUpstreamCallOptions,
  UpstreamAttemptOutcome,
  retryUpstreamCall,
} from './retryUpstreamCall';

type Outcome = UpstreamAttemptOutcome<string>;

const retry = (extra: Partial<Extract<Outcome, { kind: 'retry' }>> = {}) =>
  ({
    kind: 'retry',
    message: 'Thing "a" unreachable: HTTP 503 on /q',
    ...extra,
  } as Outcome);
const ok = (value = 'fine'): Outcome => ({ kind: 'ok', value });

/** A call whose attempts judge each response as the next of `outcomes` (the last repeats). */
function setup(
  outcomes: Outcome[],
  extra: Partial<RetryUpstreamCallOptions<string>> = {},
) {
  const sleep = jest.fn(async (_ms: number) => {});
  const logger = mockServices.logger.mock();
  const send = jest.fn(async (_signal: AbortSignal) => new Response('body'));
  let attempts = 0;
  const interpret = jest.fn(
    (_response: Response, _text: string) =>
      outcomes[Math.min(attempts++, outcomes.length - 1)],
  );
  const options: RetryUpstreamCallOptions<string> = {
    label: 'Thing "a"',
    upstream: 'a',
    where: '/q',
    signal: undefined,
    timeoutMs: 1_000,
    policy: {
      retries: 2,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      maxRetryAfterMs: 5_000,
    },
    logger,
    sleep,
    random: () => 1,
    maxResponseBytes: 1_000,
    tooLargeProblem: 'answered too much on /q',
    send,
    interpret,
    ...extra,
  };
  return {
    options,
    sleep,
    logger,
    send,
    interpret,
    call: () => retryUpstreamCall(options),
  };
}

/** What a call's error says about the upstream's health, seen through a breaker. */
async function verdictOf(call: () => Promise<unknown>) {
  // one failure already: a success resets the count, a neutral outcome keeps
  // it, and a failure opens the breaker
  const breaker = new CircuitBreaker({ failureThreshold: 2 });
  breaker.tryAcquire();
  breaker.recordFailure();
  const error = await callWithCircuitBreaker(
    {
      breaker,
      label: 'Thing "a"',
      upstream: 'a',
      logger: mockServices.logger.mock(),
    },
    call,
  ).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e): UpstreamUnavailableError => e,
  );
  let verdict = 'neutral';
  if (breaker.state === 'open') {
    verdict = 'failure';
  } else if (breaker.consecutiveFailures === 0) {
    verdict = 'success';
  }
  return { error, verdict };
}

describe('retryUpstreamCall', () => {
  it('resolves with the value of a good attempt, reading the body for interpret', async () => {
    const { call, send, interpret } = setup([ok('v')]);
    await expect(call()).resolves.toBe('v');
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0]).toBeInstanceOf(AbortSignal);
    expect(interpret.mock.calls[0][1]).toBe('body');
  });

  it('retries with exponential back-off and jitter, logging each retry', async () => {
    const { call, sleep, logger } = setup([retry(), retry(), ok()], {
      random: () => 0,
    });
    await expect(call()).resolves.toBe('fine');
    // half of 100, then half of 200
    expect(sleep.mock.calls).toEqual([[50], [100]]);
    expect((logger.warn as jest.Mock).mock.calls).toEqual([
      [
        'Thing "a" unreachable: HTTP 503 on /q; retrying in 50ms (attempt 2 of 3)',
      ],
      [
        'Thing "a" unreachable: HTTP 503 on /q; retrying in 100ms (attempt 3 of 3)',
      ],
    ]);
  });

  it('gives up after the retries with a retryable error that counts as a failure', async () => {
    const cause = new Error('root');
    const { call, send } = setup([retry({ cause })]);
    const { error, verdict } = await verdictOf(call);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe(
      'Thing "a" unreachable: HTTP 503 on /q (gave up after 3 attempts); caused by Error: root',
    );
    expect(error).toMatchObject({ upstream: 'a', retryable: true, cause });
    expect(verdict).toBe('failure');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('does not mention attempts when there was only one', async () => {
    const { call } = setup([retry()], {
      policy: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    await expect(call()).rejects.toThrow(
      /^Thing "a" unreachable: HTTP 503 on \/q$/,
    );
  });

  it('waits as long as the upstream asks, capped', async () => {
    const { call, sleep } = setup([
      retry({ retryAfterMs: 1_234 }),
      retry({ retryAfterMs: 60_000 }),
      ok(),
    ]);
    await call();
    expect(sleep.mock.calls).toEqual([[1_234], [5_000]]);
  });

  it('retries malformed JSON once per call', async () => {
    const malformed = retry({
      malformed: true,
      message: 'Thing "a" answered malformed JSON',
    });
    const { call, send } = setup([malformed], {
      policy: { retries: 5, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    await expect(call()).rejects.toThrow(
      'Thing "a" answered malformed JSON (gave up after 2 attempts)',
    );
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('retries network errors, naming their code', async () => {
    const failure = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNRESET' },
    });
    const { call, send } = setup([ok()]);
    send.mockRejectedValueOnce(failure);
    await expect(call()).resolves.toBe('fine');

    const down = setup([ok()], {
      policy: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    down.send.mockRejectedValue(failure);
    const error = await down.call().catch(e => e);
    expect(error.message).toBe(
      'Thing "a" unreachable: network error on /q (ECONNRESET); caused by TypeError: fetch failed',
    );
    expect(error.cause).toBe(failure);
  });

  it('times out each attempt', async () => {
    const { call, send } = setup([ok()], {
      timeoutMs: 20,
      policy: { retries: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    send.mockImplementation(
      signal =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    );
    await expect(call()).rejects.toThrow(
      'Thing "a" unreachable: timed out after 20ms on /q (gave up after 2 attempts)',
    );
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('stops with the reason of the caller, while sending or waiting', async () => {
    const controller = new AbortController();
    const { call, send, logger } = setup([ok()], { signal: controller.signal });
    send.mockImplementation(async signal => {
      controller.abort(new Error('caller left'));
      throw signal.reason;
    });
    await expect(call()).rejects.toThrow('caller left');
    expect(send).toHaveBeenCalledTimes(1);
    expect(logger.warn).not.toHaveBeenCalled();

    const waiting = new AbortController();
    const second = setup([retry()], { signal: waiting.signal });
    second.sleep.mockImplementation(async () => {
      waiting.abort(new Error('left while waiting'));
    });
    await expect(second.call()).rejects.toThrow('left while waiting');
    expect(second.send).toHaveBeenCalledTimes(1);
  });

  it('fails at once, as neutral, on a refused redirect or a too large body', async () => {
    const refused = setup([ok()]);
    refused.send.mockRejectedValue(
      new RedirectRefusedError('other-origin', 'redirected /q elsewhere'),
    );
    const { error, verdict } = await verdictOf(refused.call);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe('Thing "a" redirected /q elsewhere');
    expect(error.retryable).toBe(false);
    expect(verdict).toBe('neutral');
    expect(refused.send).toHaveBeenCalledTimes(1);

    const large = setup([ok()], { maxResponseBytes: 3 });
    const tooLarge = await large.call().catch(e => e);
    expect(tooLarge.message).toBe('Thing "a" answered too much on /q');
    expect(tooLarge.retryable).toBe(false);
    expect(large.interpret).not.toHaveBeenCalled();
  });

  it('throws fatal outcomes as they are, with their verdict', async () => {
    const error = new Error('refused');
    for (const verdict of ['success', 'failure', 'neutral'] as const) {
      const { call, send } = setup([{ kind: 'fatal', error, verdict }]);
      const seen = await verdictOf(call);
      expect(seen.error).toBe(error);
      expect(seen.verdict).toBe(verdict);
      expect(send).toHaveBeenCalledTimes(1);
    }
  });

  it('lets errors thrown by interpret through without retrying', async () => {
    const { call, interpret, send } = setup([ok()]);
    interpret.mockImplementation(() => {
      throw new RangeError('bug');
    });
    await expect(call()).rejects.toThrow(RangeError);
    expect(send).toHaveBeenCalledTimes(1);
  });

  describe('with a rate-limit budget', () => {
    const policy = {
      retries: 1,
      baseDelayMs: 1_000,
      maxDelayMs: 100_000,
      maxRetryAfterMs: 3_000,
      rateLimitRetries: 2,
    };
    const limited = (retryAfterMs?: number) =>
      retry({
        rateLimited: true,
        message: 'Thing "a" rate limited',
        retryAfterMs,
      });

    it('counts rate-limited attempts apart, capping their waits, back-off included', async () => {
      const onRetry = jest.fn();
      const beforeAttempt = jest.fn(async () => {});
      const { call, sleep, send } = setup(
        [limited(), limited(10_000), retry(), ok()],
        { policy, onRetry, beforeAttempt },
      );
      await expect(call()).resolves.toBe('fine');
      expect(send).toHaveBeenCalledTimes(4);
      expect(beforeAttempt).toHaveBeenCalledTimes(4);
      // back-off of the first rate limit, the capped Retry-After, then the
      // back-off of the first failure
      expect(sleep.mock.calls).toEqual([[1_000], [3_000], [1_000]]);
      expect(onRetry.mock.calls).toEqual([
        [{ delayMs: 1_000, rateLimited: true }],
        [{ delayMs: 3_000, rateLimited: true }],
        [{ delayMs: 1_000, rateLimited: false }],
      ]);
    });

    it('gives up on rate limits as neutral, naming all attempts', async () => {
      const { call } = setup([limited(1)], { policy });
      const { error, verdict } = await verdictOf(call);
      expect(error.message).toBe(
        'Thing "a" rate limited (gave up after 3 attempts)',
      );
      expect(verdict).toBe('neutral');
    });

    it('counts rate-limited attempts as failures without a budget', async () => {
      const { call, send, sleep } = setup([limited(60_000)]);
      await expect(call()).rejects.toThrow('(gave up after 3 attempts)');
      expect(send).toHaveBeenCalledTimes(3);
      expect(sleep.mock.calls).toEqual([[5_000], [5_000]]);
    });

    it('logs retries as describeRetry says', async () => {
      const { call, logger } = setup([limited(7), ok()], {
        policy,
        describeRetry: r =>
          `${r.message}; again in ${r.delayMs}ms (#${r.attempt} of ${r.maxAttempts})`,
      });
      await call();
      expect(logger.warn).toHaveBeenCalledWith(
        'Thing "a" rate limited; again in 7ms (#2 of 2)',
      );
    });
  });
});
