import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { reliabilityPermissions } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingProvider,
  ReliabilityFactProvider,
  reliabilityFactsExtensionPoint,
  reliabilityPagingExtensionPoint,
  reliabilitySloMetricsExtensionPoint,
  readTierModel,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { checkAddedPagingProviderId } from './alertQuality/ExtensibleAlertQualityCollector';
import { AddedSloMetricsProvider } from './slo/RoutingSloMetricsProvider';
import { DatabaseReliabilityStore } from './database/DatabaseReliabilityStore';
import { EntityIndexer } from './service/EntityIndexer';
import { SloCollector } from './slo/SloCollector';
import { SloSpecReader } from './slo/SloSpecReader';
import { createSloMetricsProvider } from './slo/createSloMetricsProvider';
import { createAlertQualityCollector } from './alertQuality/createAlertQualityCollector';
import { readTeamsConfig } from './config/readTeamsConfig';
import { readChecksConfig } from './config/readChecksConfig';
import { DatabaseReadinessStore } from './readiness/DatabaseReadinessStore';
import { ReadinessEvaluator } from './readiness/ReadinessEvaluator';
import { seedDemoReadiness } from './readiness/seedDemoReadiness';
import { seedDemoScorecardHistory } from './readiness/seedDemoScorecardHistory';
import {
  PrometheusClient,
  readPrometheusInstances,
} from './providers/prometheus';
import { createRouter } from './service/createRouter';
import { FleetStore } from './fleet';
import { systemClock } from './lib/Clock';

/**
 * The Reliability Kit backend plugin, served under `/api/reliability`.
 *
 * @public
 */
export const reliabilityPlugin = createBackendPlugin({
  pluginId: 'reliability',
  register(env) {
    const factProviders = new Map<string, ReliabilityFactProvider>();
    env.registerExtensionPoint(reliabilityFactsExtensionPoint, {
      addFactProvider(...providers) {
        for (const provider of providers) {
          if (factProviders.has(provider.id)) {
            throw new Error(
              `A reliability fact provider with id "${provider.id}" is already registered`,
            );
          }
          factProviders.set(provider.id, provider);
        }
      },
    });

    const sloMetricsProviders: AddedSloMetricsProvider[] = [];
    env.registerExtensionPoint(reliabilitySloMetricsExtensionPoint, {
      addSloMetricsProvider(provider, options) {
        const instance = options?.instance ?? provider.id;
        if (sloMetricsProviders.some(p => p.instance === instance)) {
          throw new Error(
            `An SLO metrics provider for the instance "${instance}" is already registered`,
          );
        }
        sloMetricsProviders.push({ instance, provider });
      },
    });

    const pagingProviders = new Map<string, PagingProvider>();
    env.registerExtensionPoint(reliabilityPagingExtensionPoint, {
      addPagingProvider(id, provider) {
        checkAddedPagingProviderId(id);
        if (pagingProviders.has(id)) {
          throw new Error(
            `A reliability paging provider with id "${id}" is already registered`,
          );
        }
        pagingProviders.set(id, provider);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({
        auth,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        urlReader,
        catalog,
      }) {
        // The one clock: every collector, store and route takes time from it.
        const clock = systemClock;
        // Invalid configuration fails the startup, naming the key.
        const tierModel = readTierModel(config);
        const checksConfig = readChecksConfig(config, tierModel);
        const store = await DatabaseReliabilityStore.create({ database });

        permissionsRegistry.addPermissions(reliabilityPermissions);
        const fleet = new FleetStore(await database.getClient(), {
          store,
          logger,
          clock,
        });
        // The indexer, the collectors and the readiness evaluator keep the
        // fleet table up to date: each tells `fleet.projection` right after
        // its own store write.

        const indexer = new EntityIndexer({
          catalog,
          auth,
          store,
          fleet: fleet.projection,
          tierModel,
          logger,
          clock,
        });
        const readSchedule = (key: string) =>
          config.has(`reliability.schedule.${key}`)
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig(`reliability.schedule.${key}`),
              )
            : undefined;
        const indexSchedule = readSchedule('entityIndex');
        await scheduler.scheduleTask({
          id: 'reliability-entity-index',
          scope: 'global',
          frequency: indexSchedule?.frequency ?? { minutes: 5 },
          timeout: indexSchedule?.timeout ?? { minutes: 5 },
          initialDelay: indexSchedule?.initialDelay ?? { seconds: 15 },
          fn: async () => {
            await indexer.run();
          },
        });

        const prometheusClients = readPrometheusInstances(config).map(i =>
          PrometheusClient.fromConfig(i, { logger }),
        );
        const sloMetrics = createSloMetricsProvider({
          config,
          logger,
          prometheusClients,
          addedProviders: sloMetricsProviders,
        });
        if (sloMetrics) {
          const sloCollector = new SloCollector({
            catalog,
            auth,
            store,
            fleet: fleet.projection,
            logger,
            specReader: new SloSpecReader({
              urlReader,
              maxBytes: config.getOptionalNumber(
                'reliability.slo.maxSpecBytes',
              ),
            }),
            provider: sloMetrics.provider,
            instances: sloMetrics.instances,
            tierModel,
            concurrency: config.getOptionalNumber(
              'reliability.slo.concurrency',
            ),
            historyRetentionDays: config.getOptionalNumber(
              'reliability.slo.historyRetentionDays',
            ),
            atRiskRemainingShare: config.getOptionalNumber(
              'reliability.slo.atRiskRemainingShare',
            ),
            // after the catalog module's 10 s status cache
            labelRefreshDelayMs: 11_000,
            clock,
          });
          const sloSchedule = readSchedule('slo');
          await scheduler.scheduleTask({
            id: 'reliability-slo-collector',
            scope: 'global',
            frequency: sloSchedule?.frequency ?? { minutes: 5 },
            timeout: sloSchedule?.timeout ?? { minutes: 10 },
            initialDelay: sloSchedule?.initialDelay ?? { seconds: 10 },
            fn: async () => {
              await sloCollector.run();
            },
          });
        }

        const readinessStore = await DatabaseReadinessStore.create({
          database,
        });
        const evaluator = new ReadinessEvaluator({
          catalog,
          auth,
          store,
          readinessStore,
          fleet,
          config: checksConfig,
          tierModel,
          factProviders: [...factProviders.values()],
          logger,
          clock,
        });
        await seedDemoReadiness({
          config,
          checks: checksConfig,
          readinessStore,
          logger,
          clock,
        });
        if (
          checksConfig.readiness.length === 0 &&
          checksConfig.scorecards.length === 0
        ) {
          logger.info(
            'No reliability.readiness.items or reliability.scorecards configured: readiness and scorecards are not evaluated',
          );
        } else {
          const readinessSchedule = readSchedule('readiness');
          await scheduler.scheduleTask({
            id: 'reliability-readiness',
            scope: 'global',
            frequency: readinessSchedule?.frequency ?? { minutes: 30 },
            timeout: readinessSchedule?.timeout ?? { minutes: 15 },
            initialDelay: readinessSchedule?.initialDelay ?? { seconds: 30 },
            fn: async () => {
              await evaluator.run();
              if (config.getOptionalBoolean('reliability.demo.enabled')) {
                // the demo's 90-day scorecard trend, on days without history
                await seedDemoScorecardHistory({
                  readinessStore,
                  scorecards: checksConfig.scorecards,
                  now: clock.now(),
                });
              }
            },
          });
          const changesSchedule = readSchedule('readinessChanges');
          await scheduler.scheduleTask({
            id: 'reliability-readiness-changes',
            scope: 'global',
            frequency: changesSchedule?.frequency ?? { minutes: 1 },
            timeout: changesSchedule?.timeout ?? { minutes: 5 },
            initialDelay: changesSchedule?.initialDelay ?? { minutes: 1 },
            fn: async () => {
              await evaluator.runChanged();
            },
          });
        }

        const teams = readTeamsConfig(config);
        const alertQuality = createAlertQualityCollector({
          config,
          logger,
          catalog,
          auth,
          store,
          fleet: fleet.projection,
          prometheusClients,
          clock,
          pagingProviders,
        });
        if (alertQuality) {
          const aqSchedule = readSchedule('alertQuality');
          await scheduler.scheduleTask({
            id: 'reliability-alert-quality-collector',
            scope: 'global',
            frequency: aqSchedule?.frequency ?? { minutes: 10 },
            timeout: aqSchedule?.timeout ?? { minutes: 15 },
            initialDelay: aqSchedule?.initialDelay ?? { seconds: 20 },
            fn: async () => {
              await alertQuality.run();
            },
          });
        }

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            catalog,
            store,
            tierModel,
            permissions,
            fleet,
            readinessStore,
            evaluator,
            triggerTask: id => scheduler.triggerTask(id),
            clock,
            hoursOf: owner => teams.hoursOf(owner),
            autoResolveThresholdMs:
              (config.getOptionalNumber(
                'reliability.alertQuality.autoResolveMinutes',
              ) ?? 5) *
              60 *
              1000,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        lifecycle.addStartupHook(() => {
          logger.info(
            `Reliability Kit ready: ${tierModel.tiers.length} tiers, tier read from ${tierModel.source.from} "${tierModel.source.key}", ${factProviders.size} fact providers`,
          );
        });
      },
    });
  },
});
