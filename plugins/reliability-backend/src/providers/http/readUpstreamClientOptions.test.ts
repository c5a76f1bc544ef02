import { mockServices } from '@backstage/backend-test-utils';
import { CircuitBreaker } from './CircuitBreaker';
import { readUpstreamClientOptions } from './readUpstreamClientOptions';

const defaults = {
  retry: {
    attempts: { value: 2, integer: true },
    delayMs: { value: 100 },
  },
  maxResponseBytes: 1_000,
};

describe('readUpstreamClientOptions', () => {
  const logger = mockServices.logger.mock();

  it('applies the defaults', () => {
    const settings = readUpstreamClientOptions(
      'ThingClient',
      { logger },
      defaults,
    );
    expect(settings.retry).toEqual({ attempts: 2, delayMs: 100 });
    expect(settings.maxResponseBytes).toBe(1_000);
    expect(settings.now).toBe(Date.now);
    expect(settings.random).toBe(Math.random);
    expect(settings.logger).toBe(logger);
    expect(settings.breaker).toBeInstanceOf(CircuitBreaker);
    expect(settings.breaker.state).toBe('closed');
  });

  it('takes the options given', () => {
    const fetchImpl = jest.fn() as unknown as typeof fetch;
    const sleep = jest.fn(async () => {});
    const random = () => 0.5;
    let now = 0;
    const settings = readUpstreamClientOptions(
      'ThingClient',
      {
        logger,
        fetchImpl,
        sleep,
        now: () => now,
        random,
        retry: { attempts: 0, delayMs: 2.5 },
        maxResponseBytes: 7,
        circuitBreaker: { failureThreshold: 1, coolDownMs: 50 },
      },
      defaults,
    );
    expect(settings).toMatchObject({
      fetch: fetchImpl,
      sleep,
      random,
      retry: { attempts: 0, delayMs: 2.5 },
      maxResponseBytes: 7,
    });
    // the breaker has the options and the client's clock
    settings.breaker.tryAcquire();
    settings.breaker.recordFailure();
    expect(settings.breaker.state).toBe('open');
    now = 50;
    expect(settings.breaker.state).toBe('half-open');
  });

  it('defaults to the global fetch, looked up on each call', async () => {
    const original = globalThis.fetch;
    const replaced = jest.fn(async () => new Response('x'));
    try {
      const settings = readUpstreamClientOptions(
        'ThingClient',
        { logger },
        defaults,
      );
      globalThis.fetch = replaced as unknown as typeof fetch;
      await settings.fetch('http://example.test/');
      expect(replaced).toHaveBeenCalledWith('http://example.test/');
    } finally {
      globalThis.fetch = original;
    }
  });

  it('rejects negative, non-finite and (where asked) fractional retry options, in order', () => {
    const read = (retry: Record<string, number>) => () =>
      readUpstreamClientOptions('ThingClient', { logger, retry }, defaults);
    expect(read({ attempts: -1 })).toThrow(
      new TypeError(
        'ThingClient retry.attempts must be a non-negative integer, got -1',
      ),
    );
    expect(read({ attempts: 1.5 })).toThrow(
      'ThingClient retry.attempts must be a non-negative integer, got 1.5',
    );
    expect(read({ delayMs: Infinity })).toThrow(
      'ThingClient retry.delayMs must be a non-negative number, got Infinity',
    );
    expect(read({ delayMs: NaN, attempts: NaN })).toThrow('retry.attempts');
  });

  it('checks the circuit breaker options after the retry options', () => {
    expect(() =>
      readUpstreamClientOptions(
        'ThingClient',
        { logger, circuitBreaker: { failureThreshold: 0 } },
        defaults,
      ),
    ).toThrow(
      'CircuitBreaker failureThreshold must be a positive integer, got 0',
    );
    expect(() =>
      readUpstreamClientOptions(
        'ThingClient',
        {
          logger,
          retry: { delayMs: -1 },
          circuitBreaker: { failureThreshold: 0 },
        },
        defaults,
      ),
    ).toThrow('ThingClient retry.delayMs');
  });
});
