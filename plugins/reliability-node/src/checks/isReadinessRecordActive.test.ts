import { ReadinessRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import { isReadinessRecordActive } from './isReadinessRecordActive';

const NOW = new Date('2026-03-01T00:00:00.000Z');

const base: ReadinessRecord = {
  id: 'r1',
  entityRef: 'component:default/checkout',
  type: 'exemption',
  target: { kind: 'readiness', itemId: 'docs' },
  createdBy: 'user:default/jane',
  createdAt: '2026-02-01T00:00:00.000Z',
  reason: 'x',
};

describe('isReadinessRecordActive', () => {
  it.each<[string, Partial<ReadinessRecord>, boolean]>([
    ['no expiry', {}, true],
    ['expires later', { expiresAt: '2026-03-01T00:00:00.001Z' }, true],
    ['expires exactly now', { expiresAt: '2026-03-01T00:00:00.000Z' }, false],
    ['expired', { expiresAt: '2026-02-01T00:00:00.000Z' }, false],
    ['unreadable expiry', { expiresAt: 'next week' }, false],
    ['revoked', { revokedAt: '2026-02-02T00:00:00.000Z' }, false],
    [
      'revoked, expires later',
      {
        revokedAt: '2026-02-02T00:00:00.000Z',
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
      false,
    ],
    [
      'expiry with an offset',
      { expiresAt: '2026-03-01T01:00:00.000+02:00' },
      false,
    ],
  ])('%s', (_name, change, active) => {
    expect(isReadinessRecordActive({ ...base, ...change }, NOW)).toBe(active);
  });
});
