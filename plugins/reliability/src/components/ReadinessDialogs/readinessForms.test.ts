import {
  addDays,
  attestationDates,
  endOfLocalDay,
  isHttpUrl,
  toDateInputValue,
  toRevokeInput,
  validateAttestation,
  validateExemption,
} from './readinessForms';

const now = new Date(2026, 10, 26, 15, 30);

describe('endOfLocalDay', () => {
  it('is the last millisecond of the day in local time', () => {
    const end = endOfLocalDay('2026-12-31')!;
    expect([end.getFullYear(), end.getMonth(), end.getDate()]).toEqual([
      2026, 11, 31,
    ]);
    expect([end.getHours(), end.getMinutes(), end.getMilliseconds()]).toEqual([
      23, 59, 999,
    ]);
  });

  it.each(['', '2026-02-30', '2026-13-01', '26-1-1', 'tomorrow'])(
    'rejects %j',
    value => {
      expect(endOfLocalDay(value)).toBeUndefined();
    },
  );
});

describe('isHttpUrl', () => {
  it.each([
    ['https://wiki.example.com/drill', true],
    ['http://localhost:3000/x', true],
    ['ftp://files/report.pdf', false],
    ['mailto:sre@example.com', false],
    ['wiki.example.com', false],
  ])('%s is %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });
});

describe('validateAttestation', () => {
  const url = 'https://wiki.example.com/drill';

  it('defaults the expiry to today + the validity and leaves it to the backend', () => {
    const { defaultValue, min, max } = attestationDates(90, now);
    expect(defaultValue).toBe('2027-02-24');
    expect(min).toBe('2026-11-27');
    expect(max).toBe('2027-02-24');
    expect(
      validateAttestation(
        { evidenceUrl: ` ${url} `, comment: '', expiresOn: defaultValue },
        { validityDays: 90, now },
      ),
    ).toEqual({ input: { evidenceUrl: url }, errors: {} });
  });

  it('sends an earlier expiry as the end of that day', () => {
    expect(
      validateAttestation(
        { evidenceUrl: url, comment: 'ok', expiresOn: '2027-01-15' },
        { validityDays: 90, now },
      ).input,
    ).toEqual({
      evidenceUrl: url,
      comment: 'ok',
      expiresAt: endOfLocalDay('2027-01-15')!.toISOString(),
    });
  });

  it.each([
    [{ evidenceUrl: '' }, 'evidenceUrl', /Link the evidence/],
    [{ evidenceUrl: 'ftp://x' }, 'evidenceUrl', /http:\/\/ or https:\/\//],
    [{ comment: 'x'.repeat(2001) }, 'comment', /At most 2000/],
    [{ expiresOn: '2027-02-25' }, 'expiresOn', /on or before Feb 24, 2027/],
    [{ expiresOn: '2026-11-26' }, 'expiresOn', /after today/],
    [{ expiresOn: '2026-02-30' }, 'expiresOn', /Enter a date/],
  ])('rejects %o', (overrides, field, message) => {
    const result = validateAttestation(
      { evidenceUrl: url, comment: '', expiresOn: '', ...overrides },
      { validityDays: 90, now },
    );
    expect(result.input).toBeUndefined();
    expect(result.errors[field as keyof typeof result.errors]).toMatch(message);
  });

  it('allows no expiry for items without a validity', () => {
    expect(attestationDates(undefined, now).defaultValue).toBe('');
    expect(
      validateAttestation(
        { evidenceUrl: url, comment: '', expiresOn: '' },
        { now },
      ).input,
    ).toEqual({ evidenceUrl: url });
  });
});

describe('validateExemption', () => {
  it('requires a reason and an expiry', () => {
    expect(
      validateExemption({ reason: ' ', expiresOn: '' }, { now }).errors,
    ).toEqual({
      reason: 'Say why the entity is exempt',
      expiresOn: 'Exemptions expire: pick a date',
    });
    expect(
      validateExemption({ reason: 'no', expiresOn: '2027-01-01' }, { now })
        .errors.reason,
    ).toBe('At least 3 characters');
  });

  it('allows at most a year ahead', () => {
    const last = toDateInputValue(addDays(now, 365));
    expect(
      validateExemption({ reason: 'Migrating', expiresOn: last }, { now })
        .input,
    ).toEqual({
      reason: 'Migrating',
      expiresAt: endOfLocalDay(last)!.toISOString(),
    });
    expect(
      validateExemption(
        {
          reason: 'Migrating',
          expiresOn: toDateInputValue(addDays(now, 366)),
        },
        { now },
      ).errors.expiresOn,
    ).toMatch(/^Must be on or before/);
  });
});

describe('toRevokeInput', () => {
  it('sends a reason only when there is one', () => {
    expect(toRevokeInput('  ')).toEqual({});
    expect(toRevokeInput(' Wrong drill ')).toEqual({ reason: 'Wrong drill' });
  });
});
