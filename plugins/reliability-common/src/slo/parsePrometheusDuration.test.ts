import {
  formatPrometheusDuration,
  parsePrometheusDuration,
} from './parsePrometheusDuration';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('parsePrometheusDuration', () => {
  it.each([
    ['5m', 300_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['6h', 21_600_000],
    ['1d', 86_400_000],
    ['3d', 259_200_000],
    ['28d', 2_419_200_000],
    ['30d', 2_592_000_000],
    ['4w', 2_419_200_000],
    ['1y', 31_536_000_000],
    ['90s', 90_000],
    ['250ms', 250],
    ['1m30s', 90_000],
    ['0h30m', 1_800_000],
    ['1d12h', 1.5 * DAY],
  ])('parses %s to %d ms', (input, ms) => {
    expect(parsePrometheusDuration(input)).toBe(ms);
  });

  it.each([
    ['', /must not be empty/],
    ['abc', /"abc" is not valid/],
    ['0d', /"0d" must be longer than zero/],
    ['0m0s', /must be longer than zero/],
    ['-5m', /"-5m" is not valid/],
    ['5', /is not valid/],
    ['m', /is not valid/],
    ['1.5h', /is not valid/],
    ['30m1h', /is not valid/],
    ['1h1h', /is not valid/],
    [' 5m', /is not valid/],
    ['5M', /calendar unit/],
    ['1Q', /calendar unit/],
    ['1Y', /calendar unit/],
    ['99999999999999999999d', /too long/],
  ])('rejects %j', (input, message) => {
    expect(() => parsePrometheusDuration(input)).toThrow(message);
  });
});

describe('formatPrometheusDuration', () => {
  it.each([
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [28 * DAY, '28d'],
    [30 * DAY, '30d'],
    [DAY + 1500, '1d1s500ms'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatPrometheusDuration(ms)).toBe(text);
    expect(parsePrometheusDuration(text)).toBe(ms);
  });

  it.each([[0], [-1], [1.5], [NaN], [Infinity]])('rejects %p', ms => {
    expect(() => formatPrometheusDuration(ms)).toThrow(/positive whole number/);
  });
});
