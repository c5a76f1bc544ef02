import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { fixedClock } from '../lib/Clock';
import { SloCollector } from '../slo/SloCollector';
import { SloCollectorOptions } from '../slo/SloCollectorOptions';
import { SloSpecReader } from '../slo/SloSpecReader';
import { TEST_ROUTER_NOW, TEST_TIER_MODEL } from './testRouter';

/**
 * An SLO collector of the tests. Defaults: a catalog of `entities`, mock
 * auth and logger, a spec reader on a mock URL reader, the default tiers,
 * the clock fixed at {@link TEST_ROUTER_NOW}.
 */
export function createTestSloCollector(
  options: Partial<SloCollectorOptions> &
    Pick<SloCollectorOptions, 'store' | 'provider' | 'instances'> & {
      entities?: Entity[];
    },
): SloCollector {
  const { entities = [], ...given } = options;
  return new SloCollector({
    clock: fixedClock(TEST_ROUTER_NOW),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    specReader: new SloSpecReader({ urlReader: mockServices.urlReader.mock() }),
    tierModel: TEST_TIER_MODEL,
    ...given,
  });
}
