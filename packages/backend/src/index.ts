/*
 * The example backend of Reliability Kit: the Backstage core plugins an
 * adopter has, plus the reliability backend plugin.
 */

import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { permissionModuleReliabilityExamplePolicy } from './permissionModuleReliabilityExamplePolicy';
import { redactedRequestLogging } from './redactedRequestLogging';

const backend = createBackend();

// Backstage's root HTTP router with its defaults, except that the request
// log redacts credential-looking query parameters (?token=...):
// docs/security.md.
backend.add(
  rootHttpRouterServiceFactory({
    configure: ({ middleware, logger, applyDefaults }) => {
      middleware.logging = () => redactedRequestLogging(logger);
      applyDefaults();
    },
  }),
);

backend.add(import('@backstage/plugin-app-backend'));

// auth, with the guest provider for local use
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions, with the example policy of Reliability Kit (docs/permissions.md)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleReliabilityExamplePolicy);

// notifications (policy state changes, expiring attestations, scorecard
// levels lost), delivered live through signals
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Reliability Kit. RELIABILITY_KIT_BASELINE=1 leaves out its two backend
// packages: bench/real-catalog.mjs measures the same backend with and
// without them.
if (process.env.RELIABILITY_KIT_BASELINE !== '1') {
  backend.add(import('@reliability-kit/backstage-plugin-reliability-backend'));
  // stamps the tier and SLO status onto catalog entities as labels
  backend.add(
    import(
      '@reliability-kit/backstage-plugin-reliability-backend-module-catalog'
    ),
  );
}

// MCP server for AI assistants (/api/mcp-actions/v1), serving the actions
// of the plugins in backend.actions.pluginSources (app-config.yaml): the
// read-only actions of Reliability Kit.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
