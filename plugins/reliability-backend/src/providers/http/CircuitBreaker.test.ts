import { CircuitBreaker } from './CircuitBreaker';

function setup(options: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
  let now = 1_000_000;
  const breaker = new CircuitBreaker({ ...options, now: () => now });
  return {
    breaker,
    advance: (ms: number) => {
      now += ms;
    },
    fail: (times: number) => {
      for (let i = 0; i < times; i++) {
        expect(breaker.tryAcquire()).toBe(true);
        breaker.recordFailure();
      }
    },
  };
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold', () => {
    const { breaker, fail } = setup();
    fail(4);
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(4);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after 5 consecutive failures and refuses calls during the cool-down', () => {
    const { breaker, fail, advance } = setup();
    fail(4);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.recordFailure()).toBe(true); // reports the opening once
    expect(breaker.state).toBe('open');
    expect(breaker.retryAfterMs).toBe(30_000);
    expect(breaker.tryAcquire()).toBe(false);
    advance(29_999);
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryAfterMs).toBe(1);
  });

  it('a success resets the count of consecutive failures', () => {
    const { breaker, fail } = setup();
    fail(4);
    breaker.tryAcquire();
    breaker.recordSuccess();
    fail(4);
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one trial call through when half-open, and a success closes it', () => {
    const { breaker, fail, advance } = setup();
    fail(5);
    advance(30_000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false); // concurrent caller
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(0);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('doubles the cool-down while trials fail, up to the maximum, and resets it on success', () => {
    const { breaker, fail, advance } = setup({
      coolDownMs: 30_000,
      maxCoolDownMs: 300_000,
    });
    fail(5);
    const coolDowns: number[] = [breaker.retryAfterMs];
    for (let i = 0; i < 6; i++) {
      advance(breaker.retryAfterMs);
      expect(breaker.tryAcquire()).toBe(true);
      expect(breaker.recordFailure()).toBe(true);
      expect(breaker.state).toBe('open');
      coolDowns.push(breaker.retryAfterMs);
    }
    expect(coolDowns).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000,
    ]);

    advance(breaker.retryAfterMs);
    breaker.tryAcquire();
    breaker.recordSuccess();
    fail(5);
    expect(breaker.retryAfterMs).toBe(30_000);
  });

  it('frees the trial slot on a neutral outcome without closing', () => {
    const { breaker, fail, advance } = setup();
    fail(5);
    advance(30_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordNeutral();
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('ignores failures of calls that started before it opened', () => {
    const { breaker, fail, advance } = setup();
    expect(breaker.tryAcquire()).toBe(true); // a slow call in flight
    fail(5);
    advance(10_000);
    expect(breaker.recordFailure()).toBe(false);
    expect(breaker.retryAfterMs).toBe(20_000);
  });

  it('honours a custom threshold', () => {
    const { breaker, fail } = setup({ failureThreshold: 2 });
    fail(2);
    expect(breaker.state).toBe('open');
  });

  it.each([
    [{ failureThreshold: 0 }, /failureThreshold must be a positive integer/],
    [{ failureThreshold: 1.5 }, /failureThreshold must be a positive integer/],
    [{ coolDownMs: -1 }, /coolDownMs must be a positive number/],
    [{ maxCoolDownMs: NaN }, /maxCoolDownMs must be a positive number/],
  ])('rejects invalid options %p', (options, message) => {
    expect(() => new CircuitBreaker(options)).toThrow(message);
  });
});
