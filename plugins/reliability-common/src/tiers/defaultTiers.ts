import { TIER_ANNOTATION } from '../annotations';
import { TierDefinition, TierSource } from './types';

/**
 * The default tier source: the `reliability-kit.io/tier` annotation.
 *
 * @public
 */
export const DEFAULT_TIER_SOURCE: TierSource = {
  from: 'annotation',
  key: TIER_ANNOTATION,
};

/**
 * The four default tiers, used when `reliability.tiers` is not configured.
 *
 * @public
 */
export const DEFAULT_TIERS: TierDefinition[] = [
  {
    id: 'tier-1',
    title: 'Tier 1',
    description:
      'Critical, customer facing. An outage stops customers or revenue; paged around the clock.',
    minimumObjective: 0.999,
    requiredReadiness: [],
  },
  {
    id: 'tier-2',
    title: 'Tier 2',
    description:
      'Important. Customer facing with a fallback, or critical for internal operations; paged in business hours.',
    minimumObjective: 0.995,
    requiredReadiness: [],
  },
  {
    id: 'tier-3',
    title: 'Tier 3',
    description:
      'Internal. Degradation is tolerated for hours; handled through tickets.',
    minimumObjective: 0.99,
    requiredReadiness: [],
  },
  {
    id: 'tier-4',
    title: 'Tier 4',
    description:
      'Experimental. Prototypes and best-effort services with no reliability commitment.',
    requiredReadiness: [],
  },
];
