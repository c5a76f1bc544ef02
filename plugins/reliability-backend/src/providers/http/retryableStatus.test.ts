import { isRetryableStatus, retryableStatus } from './retryableStatus';

const NOW = Date.parse('2030-06-15T08:00:00Z');

const respond = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx but 501 and 505', () => {
    const retried = [
      200, 400, 404, 408, 429, 500, 501, 502, 503, 504, 505, 599,
    ].filter(isRetryableStatus);
    expect(retried).toEqual([429, 500, 502, 503, 504, 599]);
  });
});

describe('retryableStatus', () => {
  const options = {
    label: 'Thing "a"',
    where: '/api/y',
    detail: ': it broke',
    now: () => NOW,
  };

  it('is undefined for statuses that are not retried, without reading the clock', () => {
    const now = jest.fn(() => NOW);
    expect(retryableStatus(respond(404), { ...options, now })).toBeUndefined();
    expect(retryableStatus(respond(501), { ...options, now })).toBeUndefined();
    expect(now).not.toHaveBeenCalled();
  });

  it('names a 5xx and honours the Retry-After of a 503', () => {
    expect(
      retryableStatus(respond(503, { 'retry-after': '4' }), options),
    ).toEqual({
      kind: 'retry',
      message: 'Thing "a" unreachable: HTTP 503 on /api/y: it broke',
      retryAfterMs: 4_000,
      rateLimited: false,
    });
    expect(
      retryableStatus(respond(502, { 'retry-after': '4' }), options)
        ?.retryAfterMs,
    ).toBeUndefined();
  });

  it('marks a 429 as rate limited', () => {
    expect(
      retryableStatus(
        respond(429, { 'retry-after': 'Sat, 15 Jun 2030 08:00:09 GMT' }),
        {
          ...options,
          detail: '',
        },
      ),
    ).toEqual({
      kind: 'retry',
      message: 'Thing "a" unreachable: HTTP 429 (rate limited) on /api/y',
      retryAfterMs: 9_000,
      rateLimited: true,
    });
  });

  it('honours Retry-After only on the statuses asked for', () => {
    const now = jest.fn(() => NOW);
    const outcome = retryableStatus(respond(503, { 'retry-after': '4' }), {
      ...options,
      now,
      retryAfterStatuses: [],
    });
    expect(outcome?.retryAfterMs).toBeUndefined();
    expect(now).not.toHaveBeenCalled();
  });
});
