import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { reliabilityPermissions } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingProvider,
  ReliabilityFactProvider,
  reliabilityFactsExtensionPoint,
  reliabilityPagingExtensionPoint,
  reliabilitySloMetricsExtensionPoint,
  reliabilityIncidentsExtensionPoint,
  readTierModel,
  PostmortemSource,
  TicketStatusProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { createIncidentsFeature } from './incidents/createIncidentsFeature';
import { checkAddedPagingProviderId } from './alertQuality/ExtensibleAlertQualityCollector';
import { AddedSloMetricsProvider } from './slo/RoutingSloMetricsProvider';
import { DatabaseReliabilityStore } from './database/DatabaseReliabilityStore';
import { EntityIndexer } from './service/EntityIndexer';
import { DatabaseCatalogCursorStore } from './catalogChanges/DatabaseCatalogCursorStore';
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
import { RouterOptions, createRouter } from './service/createRouter';
import { registerReliabilityActions } from './actions';
import { createPermissionDecisionCache } from './service/request';
import { FleetStore } from './fleet';
import { systemClock } from './lib/Clock';
import { createPolicy } from './policy/createPolicy';
import { createNotifier } from './notifications/createNotifier';
import { ReadinessNotifications } from './notifications/ReadinessNotifications';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createCampaignsFeature } from './campaigns/createCampaignsFeature';

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

    const postmortemSources: PostmortemSource[] = [];
    const ticketProviders: TicketStatusProvider[] = [];
    env.registerExtensionPoint(reliabilityIncidentsExtensionPoint, {
      addPostmortemSource(source) {
        if (
          source.id === 'file' ||
          postmortemSources.some(s => s.id === source.id)
        ) {
          throw new Error(
            `A postmortem source with id "${source.id}" is already registered`,
          );
        }
        postmortemSources.push(source);
      },
      addTicketStatusProvider(provider) {
        if (ticketProviders.some(p => p.id === provider.id)) {
          throw new Error(
            `A ticket status provider with id "${provider.id}" is already registered`,
          );
        }
        ticketProviders.push(provider);
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
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
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
        userInfo,
        catalog,
        actionsRegistry,
        notifications,
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
        // The notifier of the suite (through the notifications plugin) and
        // the error-budget policy (undefined when not configured).
        const db = await database.getClient();
        // The incidents feature escalates stalled corrective actions
        // through it (topic correctiveActionOverdue).
        const notify = createNotifier({ config, db, notifications, logger });
        const policy = createPolicy({
          config,
          db,
          tierModel,
          notifier: notify.notifier,
          watchers: notify.config.watchers,
          fleet: fleet.projection,
          logger,
        });

        // The indexer, the collectors and the readiness evaluator keep the
        // fleet table up to date: each tells `fleet.projection` right after
        // its own store write.

        const readSchedule = (key: string) =>
          config.has(`reliability.schedule.${key}`)
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig(`reliability.schedule.${key}`),
              )
            : undefined;
        // Every task is global: one replica runs it. A configured schedule
        // overrides the defaults field by field.
        const schedule = (
          id: string,
          configured: SchedulerServiceTaskScheduleDefinition | undefined,
          defaults: Omit<SchedulerServiceTaskScheduleDefinition, 'scope'> & {
            fn: () => Promise<unknown>;
          },
        ) =>
          scheduler.scheduleTask({
            id,
            scope: 'global',
            frequency: configured?.frequency ?? defaults.frequency,
            timeout: configured?.timeout ?? defaults.timeout,
            initialDelay: configured?.initialDelay ?? defaults.initialDelay,
            fn: async () => {
              await defaults.fn();
            },
          });

        const readinessStore = await DatabaseReadinessStore.create({
          database,
        });
        // Campaigns: progress from the stored results; promoted targets
        // join the readiness evaluation below.
        const campaigns = createCampaignsFeature({
          config,
          db,
          fleet,
          sections: store,
          catalog,
          auth,
          checks: checksConfig,
          tierModel,
          notifications,
          onPromoted: () =>
            scheduler.triggerTask('reliability-readiness').catch(() => {}),
          logger,
          clock,
        });
        const evaluator = new ReadinessEvaluator({
          catalog,
          auth,
          store,
          readinessStore,
          fleet,
          config: checksConfig,
          promotions: campaigns.store,
          tierModel,
          factProviders: [...factProviders.values()],
          // attestations expiring soon, scorecard levels lost
          notifications: new ReadinessNotifications({
            notifier: notify.notifier,
            checks: checksConfig,
            expiringDays: notify.config.readinessExpiringDays,
            logger,
          }),
          logger,
          clock,
        });
        const readinessConfigured =
          checksConfig.readiness.length > 0 ||
          checksConfig.scorecards.length > 0;
        const indexer = new EntityIndexer({
          catalog,
          auth,
          store,
          cursor: new DatabaseCatalogCursorStore(await database.getClient()),
          fleet: fleet.projection,
          // Changed or new entities are re-evaluated at once, removed ones
          // lose their scorecard results.
          onEntitiesChanged: readinessConfigured
            ? async (changed, removed) => {
                await evaluator.entitiesChanged(changed, removed);
              }
            : undefined,
          tierModel,
          logger,
          clock,
        });
        // The full reconciliation, at a long interval: streams every
        // component and replaces the index.
        await schedule(
          'reliability-entity-index',
          readSchedule('entityIndex'),
          {
            frequency: { hours: 1 },
            timeout: { minutes: 15 },
            initialDelay: { seconds: 15 },
            fn: () => indexer.run(),
          },
        );
        // The change pass: refs and etags only; indexes and evaluates just
        // what changed. `readinessChanges` is its former name.
        await schedule(
          'reliability-catalog-changes',
          readSchedule('catalogChanges') ?? readSchedule('readinessChanges'),
          {
            frequency: { minutes: 1 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 45 },
            fn: () => indexer.runChanges(),
          },
        );

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
            // evaluated after every SLO refresh of an entity
            policy: policy?.evaluator,
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
          await schedule('reliability-slo-collector', readSchedule('slo'), {
            frequency: { minutes: 5 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 10 },
            fn: () => sloCollector.run(),
          });
        }

        await seedDemoReadiness({
          config,
          checks: checksConfig,
          readinessStore,
          logger,
          clock,
        });
        if (!readinessConfigured) {
          logger.info(
            'No reliability.readiness.items or reliability.scorecards configured: readiness and scorecards are not evaluated',
          );
        } else {
          await schedule('reliability-readiness', readSchedule('readiness'), {
            frequency: { minutes: 30 },
            timeout: { minutes: 15 },
            initialDelay: { seconds: 30 },
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
          await schedule(
            'reliability-alert-quality-collector',
            readSchedule('alertQuality'),
            {
              frequency: { minutes: 10 },
              timeout: { minutes: 15 },
              initialDelay: { seconds: 20 },
              fn: () => alertQuality.run(),
            },
          );
        }

        const incidents = await createIncidentsFeature({
          config,
          database,
          urlReader,
          catalog,
          auth,
          store,
          tierModel,
          hoursOf: owner => teams.hoursOf(owner),
          sloMetrics: sloMetrics?.provider,
          sloInstances: sloMetrics?.instances.names,
          sources: postmortemSources,
          ticketProviders,
          logger,
          clock,
          notifier: notify.notifier,
          fleet: fleet.projection,
        });
        const incidentsSchedule = readSchedule('incidents');
        await scheduler.scheduleTask({
          id: 'reliability-incidents',
          scope: 'global',
          frequency: incidentsSchedule?.frequency ?? { minutes: 30 },
          timeout: incidentsSchedule?.timeout ?? { minutes: 15 },
          initialDelay: incidentsSchedule?.initialDelay ?? { seconds: 40 },
          fn: async () => {
            await incidents.collector.run();
          },
        });

        await schedule('reliability-campaigns', readSchedule('campaigns'), {
          frequency: { minutes: 15 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 50 },
          fn: () => campaigns.run(),
        });

        const routerOptions: RouterOptions = {
          logger,
          httpAuth,
          catalog,
          store,
          tierModel,
          permissions,
          fleet,
          readinessStore,
          evaluator,
          incidents: { store: incidents.store, config: incidents.config },
          campaigns: { service: campaigns.service, writes: campaigns.writes },
          policy: policy && {
            evaluator: policy.evaluator,
            store: policy.store,
            userInfo,
          },
          triggerTask: id => scheduler.triggerTask(id),
          clock,
          permissionDecisions: createPermissionDecisionCache({
            ttlSeconds:
              config.getOptionalNumber(
                'reliability.permissions.decisionCacheSeconds',
              ) ?? 10,
            clock,
          }),
          hoursOf: owner => teams.hoursOf(owner),
          autoResolveThresholdMs:
            (config.getOptionalNumber(
              'reliability.alertQuality.autoResolveMinutes',
            ) ?? 5) *
            60 *
            1000,
        };
        httpRouter.use(await createRouter(routerOptions));
        // The read-only actions, for automation and AI assistants (through
        // @backstage/plugin-mcp-actions-backend): the same reads and
        // permission checks as the routes.
        registerReliabilityActions({ actionsRegistry, ...routerOptions });
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
