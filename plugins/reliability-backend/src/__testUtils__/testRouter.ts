import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import { readTeamsConfig } from '../config/readTeamsConfig';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { Clock, fixedClock } from '../lib/Clock';
import { ReadinessEvaluator } from '../readiness/ReadinessEvaluator';
import { ReadinessStore } from '../readiness/ReadinessStore';
import { RouterOptions, createRouter } from '../service/createRouter';

/** The tier model of the router tests: the default tiers. */
export const TEST_TIER_MODEL = {
  tiers: DEFAULT_TIERS,
  source: DEFAULT_TIER_SOURCE,
};

/** The time of the router tests unless a test gives its own. */
export const TEST_ROUTER_NOW = '2026-11-26T10:00:00.000Z';

/**
 * The plugin's router as an express app with backend-test-utils' error
 * handler. Defaults: a catalog of `entities` (none), every permission
 * allowed, the default tiers, the office hours of an empty teams config,
 * the clock fixed at {@link TEST_ROUTER_NOW}.
 */
export async function createTestApp(
  options: Partial<RouterOptions> & {
    store: ReliabilityStore;
    entities?: Entity[];
  },
): Promise<express.Express> {
  const { entities = [], ...given } = options;
  const router = await createRouter({
    clock: fixedClock(TEST_ROUTER_NOW),
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    catalog: catalogServiceMock({ entities }),
    tierModel: TEST_TIER_MODEL,
    permissions: mockServices.permissions(),
    hoursOf: readTeamsConfig(new ConfigReader({})).hoursOf,
    ...given,
  });
  return express().use(router).use(mockErrorHandler());
}

/** A readiness evaluator of the router tests, with the default tiers. */
export function createTestEvaluator(options: {
  catalog: RouterOptions['catalog'];
  store: ReliabilityStore;
  readinessStore: ReadinessStore;
  config: ChecksConfig;
  clock: Clock;
}): ReadinessEvaluator {
  return new ReadinessEvaluator({
    ...options,
    auth: mockServices.auth(),
    tierModel: TEST_TIER_MODEL,
    logger: mockServices.logger.mock(),
  });
}
