import { parseTimestamp } from './parseTimestamp';

describe('parseTimestamp', () => {
  it.each([
    ['2026-03-29T01:00:00Z', { status: 'ok', ms: Date.UTC(2026, 2, 29, 1) }],
    [
      '2026-03-29T03:00:00+02:00',
      { status: 'ok', ms: Date.UTC(2026, 2, 29, 1) },
    ],
    // no offset: read as UTC, whatever the machine's time zone
    ['2026-03-29T01:00:00', { status: 'ok', ms: Date.UTC(2026, 2, 29, 1) }],
    [undefined, { status: 'missing' }],
    [null, { status: 'missing' }],
    ['  ', { status: 'missing' }],
    ['yesterday', { status: 'invalid', value: 'yesterday' }],
  ])('%p', (value, expected) => {
    expect(parseTimestamp(value)).toEqual(expected);
  });
});
