import { Config } from '@backstage/config';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  TierModel,
  TierSource,
  validateTierModel,
} from '@reliability-kit/backstage-plugin-reliability-common';

const SOURCES: TierSource['from'][] = ['annotation', 'label', 'spec'];

/**
 * Reads `reliability.tiers` and `reliability.tierSource`, falling back to the
 * defaults, and throws an error naming the key when the configuration is
 * invalid, so that the backend fails fast at startup. Shared by the backend
 * plugin and its modules.
 *
 * @public
 */
export function readTierModel(config: Config): TierModel {
  const tierConfigs = config.getOptionalConfigArray('reliability.tiers');
  const tiers = tierConfigs
    ? tierConfigs.map(t => ({
        id: t.getString('id'),
        title: t.getString('title'),
        description: t.getOptionalString('description') ?? '',
        minimumObjective: t.getOptionalNumber('minimumObjective'),
        requiredReadiness: t.getOptionalStringArray('requiredReadiness') ?? [],
      }))
    : DEFAULT_TIERS;

  let source = DEFAULT_TIER_SOURCE;
  const sourceConfig = config.getOptionalConfig('reliability.tierSource');
  if (sourceConfig) {
    const from = sourceConfig.getString('from');
    if (!SOURCES.includes(from as TierSource['from'])) {
      throw new Error(
        `Invalid configuration: reliability.tierSource.from must be one of ${SOURCES.join(
          ', ',
        )}, got "${from}"`,
      );
    }
    source = {
      from: from as TierSource['from'],
      key: sourceConfig.getString('key'),
    };
  }

  const model = { tiers, source };
  const problems = validateTierModel(model);
  if (problems.length > 0) {
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return model;
}
