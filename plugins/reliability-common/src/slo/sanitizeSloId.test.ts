import { sanitizeSloId, uniqueSloId } from './sanitizeSloId';

describe('sanitizeSloId', () => {
  it.each([
    ['checkout-availability', 'checkout-availability'],
    ['Checkout Availability (EU)', 'checkout-availability-eu'],
    ['api_latency.p99', 'api-latency-p99'],
    ['--a--b--', 'a-b'],
    ['!!!', 'slo'],
    ['', 'slo'],
    ['x'.repeat(80), 'x'.repeat(63)],
  ])('%j becomes %j', (name, id) => {
    expect(sanitizeSloId(name)).toBe(id);
  });

  it('makes ids unique within a set', () => {
    const taken = new Set<string>();
    expect(
      ['Requests', 'requests', 'REQUESTS!', 'other'].map(n =>
        uniqueSloId(n, taken),
      ),
    ).toEqual(['requests', 'requests-2', 'requests-3', 'other']);
  });
});
