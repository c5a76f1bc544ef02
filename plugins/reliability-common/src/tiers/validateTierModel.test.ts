import { DEFAULT_TIERS, DEFAULT_TIER_SOURCE } from './defaultTiers';
import { TierDefinition } from './types';
import { validateTierModel } from './validateTierModel';

const tier = (over: Partial<TierDefinition>): TierDefinition => ({
  id: 'tier-1',
  title: 'Tier 1',
  description: 'd',
  requiredReadiness: [],
  ...over,
});

describe('validateTierModel', () => {
  it('accepts the default tiers', () => {
    expect(
      validateTierModel({ tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE }),
    ).toEqual([]);
  });

  it.each([
    [[], ['reliability.tiers must list at least one tier']],
    [
      [tier({ id: 'Tier One' })],
      [
        'reliability.tiers[0].id "Tier One" must be lowercase letters, digits and dashes, e.g. "tier-1"',
      ],
    ],
    [
      [tier({}), tier({})],
      ['reliability.tiers[1].id "tier-1" is defined more than once'],
    ],
    [
      [tier({ minimumObjective: 99.9 })],
      [
        'reliability.tiers[0].minimumObjective must be a fraction above 0 and below 1 (e.g. 0.999), got 99.9',
      ],
    ],
    [
      [tier({ minimumObjective: 1 })],
      [
        'reliability.tiers[0].minimumObjective must be a fraction above 0 and below 1 (e.g. 0.999), got 1',
      ],
    ],
    [[tier({ title: ' ' })], ['reliability.tiers[0].title must not be empty']],
  ])('reports problems in %j', (tiers, problems) => {
    expect(validateTierModel({ tiers, source: DEFAULT_TIER_SOURCE })).toEqual(
      problems,
    );
  });
});
