import { Config } from '@backstage/config';
import { TierModel } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  ChecksConfig,
  parseChecksConfig,
} from '@reliability-kit/backstage-plugin-reliability-node';

/**
 * Reads and validates `reliability.checks`, `reliability.readiness`,
 * `reliability.scorecards` and `reliability.fleet.goldenPathScorecard`.
 * Invalid configuration (an unknown tier in a readiness item, a scorecard
 * referencing a missing check, a malformed rule) throws an error naming
 * the key, so the backend fails at startup.
 */
export function readChecksConfig(
  config: Config,
  tierModel: TierModel,
): ChecksConfig {
  return parseChecksConfig(
    {
      checks: config.getOptional('reliability.checks'),
      readiness: config.getOptional('reliability.readiness'),
      scorecards: config.getOptional('reliability.scorecards'),
      goldenPathScorecard: config.getOptional(
        'reliability.fleet.goldenPathScorecard',
      ),
    },
    { tiers: tierModel.tiers },
  );
}
