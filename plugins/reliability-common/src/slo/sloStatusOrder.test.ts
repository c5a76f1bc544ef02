import {
  EntitySloStatus,
  SLO_STATUS_ORDER,
  compareSloStatus,
  sloStatusRank,
  worstSloStatus,
} from './computeSloStatus';

describe('SLO_STATUS_ORDER', () => {
  it('lists every entity SLO status once, worst first', () => {
    expect(SLO_STATUS_ORDER).toEqual([
      'breaching',
      'at-risk',
      'no-data',
      'healthy',
      'no-slo',
    ]);
  });

  it('ranks 0 for the worst and sorts worst first', () => {
    expect(sloStatusRank('breaching')).toBe(0);
    expect(sloStatusRank('no-slo')).toBe(4);
    const shuffled: EntitySloStatus[] = [
      'healthy',
      'no-slo',
      'breaching',
      'no-data',
      'at-risk',
    ];
    expect([...shuffled].sort(compareSloStatus)).toEqual(SLO_STATUS_ORDER);
  });

  it('agrees with worstSloStatus: the worst of any two is the first in the order', () => {
    for (const a of SLO_STATUS_ORDER) {
      for (const b of SLO_STATUS_ORDER) {
        if (a === 'no-slo' || b === 'no-slo') {
          continue;
        }
        const expected = compareSloStatus(a, b) <= 0 ? a : b;
        expect(worstSloStatus([a, b])).toBe(expected);
      }
    }
  });
});
