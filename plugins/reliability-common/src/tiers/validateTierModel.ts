import { TierModel } from './types';

const TIER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks a tier model for mistakes an operator can make in configuration.
 * Returns one message per problem, each naming the configuration key
 * (relative to `reliability`), or an empty list when the model is valid.
 *
 * @public
 */
export function validateTierModel(model: TierModel): string[] {
  const problems: string[] = [];
  if (model.tiers.length === 0) {
    problems.push('reliability.tiers must list at least one tier');
  }
  const seen = new Set<string>();
  model.tiers.forEach((tier, index) => {
    const key = `reliability.tiers[${index}]`;
    if (!TIER_ID.test(tier.id)) {
      problems.push(
        `${key}.id "${tier.id}" must be lowercase letters, digits and dashes, e.g. "tier-1"`,
      );
    }
    if (seen.has(tier.id)) {
      problems.push(`${key}.id "${tier.id}" is defined more than once`);
    }
    seen.add(tier.id);
    if (!tier.title.trim()) {
      problems.push(`${key}.title must not be empty`);
    }
    const min = tier.minimumObjective;
    if (min !== undefined && !(Number.isFinite(min) && min > 0 && min < 1)) {
      problems.push(
        `${key}.minimumObjective must be a fraction above 0 and below 1 (e.g. 0.999), got ${min}`,
      );
    }
  });
  if (!model.source.key.trim()) {
    problems.push('reliability.tierSource.key must not be empty');
  }
  return problems;
}
