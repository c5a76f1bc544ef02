import { parseRetryAfter } from './parseRetryAfter';

const NOW = Date.parse('2030-06-15T08:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter('\t2\t', NOW)).toBe(2_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now, never below zero', () => {
    expect(parseRetryAfter('Sat, 15 Jun 2030 08:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Sat, 15 Jun 2030 07:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores absent and invalid values', () => {
    for (const value of [
      undefined,
      null,
      '',
      '   ',
      '2.5',
      '+3',
      '-3',
      'later',
    ]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
    // digits only are seconds, never a date
    expect(parseRetryAfter('2030', NOW)).toBe(2_030_000);
  });
});
