import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { TierModel } from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import type { FleetProjection } from '../fleet/FleetProjection';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import { DatabasePolicyStore } from './DatabasePolicyStore';
import { PolicyEvaluator } from './PolicyEvaluator';
import { readPolicyConfig } from './readPolicyConfig';

/**
 * The error-budget policy of `reliability.policy` (validated, failing the
 * startup with the key of a mistake) and its store; undefined when no
 * policy is configured. The tables come with the package's migrations,
 * which the reliability store has run.
 */
export function createPolicy(options: {
  config: Config;
  db: Knex;
  tierModel: TierModel;
  notifier?: ReliabilityNotifier;
  watchers?: string[];
  fleet?: FleetProjection;
  logger: LoggerService;
}) {
  const { config, db, tierModel, logger } = options;
  const policyConfig = readPolicyConfig(config, tierModel);
  if (!policyConfig) {
    logger.info(
      'No reliability.policy configured: error-budget policy states and the deploy gate are off',
    );
    return undefined;
  }
  const store = new DatabasePolicyStore(db);
  const evaluator = new PolicyEvaluator({
    config: policyConfig,
    store,
    tierModel,
    fleet: options.fleet,
    notifier: options.notifier,
    watchers: options.watchers,
    logger,
  });
  return { config: policyConfig, store, evaluator };
}
