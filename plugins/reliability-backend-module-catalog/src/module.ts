import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readTierModel } from '@reliability-kit/backstage-plugin-reliability-node';
import {
  ReliabilityLabelsProcessor,
  SloStatusCache,
} from './ReliabilityLabelsProcessor';

/**
 * The catalog module of Reliability Kit: stamps the tier and SLO status
 * labels onto components.
 *
 * @public
 */
export const catalogModuleReliabilityLabels = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'reliability-labels',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ catalog, config, discovery, auth, logger }) {
        catalog.addProcessor(
          new ReliabilityLabelsProcessor({
            tierModel: readTierModel(config),
            statuses: new SloStatusCache({ discovery, auth, logger }),
          }),
        );
      },
    });
  },
});
