import { mockServices } from '@backstage/backend-test-utils';
import { CircuitBreaker } from './CircuitBreaker';
import { UpstreamUnavailableError } from './UpstreamUnavailableError';
import { callWithCircuitBreaker, withVerdict } from './callWithCircuitBreaker';

function setup(signal?: AbortSignal) {
  let now = 5_000_000;
  const breaker = new CircuitBreaker({
    failureThreshold: 2,
    coolDownMs: 10_000,
    now: () => now,
  });
  const logger = mockServices.logger.mock();
  const options = {
    breaker,
    label: 'Thing "a"',
    upstream: 'a',
    logger,
    signal,
  };
  return {
    breaker,
    logger,
    advance: (ms: number) => {
      now += ms;
    },
    call: <T>(run: (trial: boolean) => Promise<T>) =>
      callWithCircuitBreaker(options, run),
  };
}

const failing =
  (verdict: 'success' | 'failure' | 'neutral' | undefined) => async () => {
    const error = new Error(`a ${verdict} error`);
    throw verdict ? withVerdict(error, verdict) : error;
  };

describe('callWithCircuitBreaker', () => {
  it('passes results and errors through', async () => {
    const { call } = setup();
    await expect(call(async () => 42)).resolves.toBe(42);
    await expect(call(failing('failure'))).rejects.toThrow('a failure error');
  });

  it('opens after failures, logs it once, then fails fast', async () => {
    const { call, breaker, logger } = setup();
    await expect(call(failing('failure'))).rejects.toThrow();
    expect(logger.warn).not.toHaveBeenCalled();
    await expect(call(failing('failure'))).rejects.toThrow();
    expect(breaker.state).toBe('open');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Thing "a" circuit opened after 2 consecutive failed calls; failing fast for 10s',
    );

    const run = jest.fn(async () => 1);
    const error = await call(run).catch(e => e);
    expect(run).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe(
      'Thing "a" unreachable: circuit open after 2 consecutive failed calls; next attempt in 10s',
    );
    expect(error).toMatchObject({
      upstream: 'a',
      retryable: true,
      retryAfterMs: 10_000,
    });
  });

  it('tells the single call of a half-open breaker that it is the trial', async () => {
    const { call, breaker, advance } = setup();
    const trials: boolean[] = [];
    await call(async trial => trials.push(trial));
    await expect(call(failing('failure'))).rejects.toThrow();
    await expect(call(failing('failure'))).rejects.toThrow();
    advance(10_000);
    await call(async trial => trials.push(trial));
    expect(trials).toEqual([false, true]);
    expect(breaker.state).toBe('closed');
  });

  it('counts refused requests as successes, and errors without a verdict as neutral', async () => {
    const { call, breaker } = setup();
    await expect(call(failing('failure'))).rejects.toThrow();
    await expect(call(failing('success'))).rejects.toThrow();
    expect(breaker.consecutiveFailures).toBe(0);
    await expect(call(failing('failure'))).rejects.toThrow();
    await expect(call(failing(undefined))).rejects.toThrow();
    await expect(call(failing('neutral'))).rejects.toThrow();
    expect(breaker.consecutiveFailures).toBe(1);
    expect(breaker.state).toBe('closed');
  });

  it('counts nothing when the caller aborted', async () => {
    const controller = new AbortController();
    const { call, breaker } = setup(controller.signal);
    await expect(call(failing('failure'))).rejects.toThrow();
    await expect(
      call(async () => {
        controller.abort(new Error('gone'));
        throw withVerdict(new Error('late'), 'failure');
      }),
    ).rejects.toThrow('late');
    expect(breaker.consecutiveFailures).toBe(1);
  });

  it('fails at once with the reason of an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already gone'));
    const { call } = setup(controller.signal);
    const run = jest.fn(async () => 1);
    await expect(call(run)).rejects.toThrow('already gone');
    expect(run).not.toHaveBeenCalled();
  });
});
