import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ReliabilityExamplePermissionPolicy } from './ReliabilityExamplePermissionPolicy';

/**
 * Installs {@link ReliabilityExamplePermissionPolicy} as the permission
 * policy of the example backend.
 */
export const permissionModuleReliabilityExamplePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'reliability-example-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        policy.setPolicy(ReliabilityExamplePermissionPolicy.fromConfig(config));
      },
    });
  },
});
