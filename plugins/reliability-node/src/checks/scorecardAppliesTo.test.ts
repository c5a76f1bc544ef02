import { scorecardAppliesTo } from './scorecardAppliesTo';
import { ScorecardFilter } from './types';

type Subject = Parameters<typeof scorecardAppliesTo>[1];

const service: Subject = {
  kind: 'Component',
  type: 'service',
  tier: 'tier-1',
  ownerRef: 'group:default/team-a',
};

describe('scorecardAppliesTo', () => {
  it.each<[string, ScorecardFilter, Partial<Subject>, boolean]>([
    // name, filter, entity changes, applies
    ['empty filter: components', {}, {}, true],
    ['empty filter: not an API', {}, { kind: 'API' }, false],
    ['empty kind list: components', { kind: [] }, {}, true],
    [
      'kind matches case-insensitively',
      { kind: ['component'] },
      { kind: 'COMPONENT' },
      true,
    ],
    ['kind list', { kind: ['api', 'system'] }, { kind: 'API' }, true],
    ['kind not listed', { kind: ['api'] }, {}, false],
    ['type listed', { type: ['website', 'service'] }, {}, true],
    ['type case-insensitive', { type: ['Service'] }, {}, true],
    ['type not listed', { type: ['website'] }, {}, false],
    ['type missing', { type: ['service'] }, { type: null }, false],
    ['type undefined', { type: ['service'] }, { type: undefined }, false],
    ['empty type list matches all', { type: [] }, { type: null }, true],
    ['tier listed', { tier: ['tier-1', 'tier-2'] }, {}, true],
    ['tier not listed', { tier: ['tier-2'] }, {}, false],
    ['tier missing', { tier: ['tier-1'] }, { tier: null }, false],
    ['owner listed', { owner: ['group:default/team-a'] }, {}, true],
    [
      'owner case-insensitive',
      { owner: ['group:default/team-a'] },
      { ownerRef: 'group:default/Team-A' },
      true,
    ],
    ['owner not listed', { owner: ['group:default/team-b'] }, {}, false],
    [
      'owner missing',
      { owner: ['group:default/team-a'] },
      { ownerRef: null },
      false,
    ],
    [
      'every list must match',
      { kind: ['component'], type: ['service'], tier: ['tier-2'] },
      {},
      false,
    ],
    [
      'all lists match',
      {
        kind: ['component'],
        type: ['service'],
        tier: ['tier-1'],
        owner: ['group:default/team-a'],
      },
      {},
      true,
    ],
  ])('%s', (_name, filter, change, applies) => {
    expect(scorecardAppliesTo(filter, { ...service, ...change })).toBe(applies);
  });
});
