import {
  AuthService,
  DatabaseService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TierModel } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PostmortemSource,
  SloMetricsProvider,
  TicketStatusProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { TeamHours } from '../config/readTeamsConfig';
import { ReliabilityStore } from '../database/ReliabilityStore';
import type { FleetProjection } from '../fleet';
import { Clock } from '../lib/Clock';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import { DemoIncidents } from './demo/DemoIncidents';
import { DatabaseIncidentsStore } from './DatabaseIncidentsStore';
import { IncidentsCollector } from './IncidentsCollector';
import { PostmortemReader } from './PostmortemReader';
import { readIncidentsConfig } from './readIncidentsConfig';
import { StalledActionNotifications } from './StalledActionNotifications';
import { readTicketProviders } from './tickets/readTicketProviders';

/**
 * The incidents feature as plugin.ts wires it: its configuration, store,
 * collector and the ticket providers (added ones first, then Jira and
 * GitHub from config). In demo mode it adds the demo postmortems and
 * ticket states.
 */
export async function createIncidentsFeature(options: {
  config: Config;
  database: DatabaseService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  auth: AuthService;
  store: ReliabilityStore;
  tierModel: TierModel;
  hoursOf(ownerRef: string | undefined): TeamHours;
  sloMetrics?: SloMetricsProvider;
  /** The configured metrics instance names, the default first. */
  sloInstances?: string[];
  sources: PostmortemSource[];
  ticketProviders: TicketStatusProvider[];
  logger: LoggerService;
  clock: Clock;
  /** The fleet table's incident columns are written through it. */
  fleet?: FleetProjection;
  /** Escalates stalled actions to their owners; without it, a log line. */
  notifier?: ReliabilityNotifier;
}) {
  const config = readIncidentsConfig(options.config, options);
  const store = await DatabaseIncidentsStore.create({
    database: options.database,
  });
  // demo mode: postmortems and ticket states for the demo's SEV incidents
  const demo = options.config.getOptionalBoolean('reliability.demo.enabled')
    ? new DemoIncidents({ incidents: options.store, clock: options.clock })
    : undefined;
  const escalation = new StalledActionNotifications({
    notifier: options.notifier,
    ownersOf: async () =>
      new Map(
        (await options.store.listIndexedEntities()).map(e => [
          e.entityRef,
          e.ownerRef,
        ]),
      ),
    logger: options.logger,
  });
  const collector = new IncidentsCollector({
    catalog: options.catalog,
    auth: options.auth,
    store: options.store,
    incidents: store,
    config,
    reader: new PostmortemReader({
      urlReader: options.urlReader,
      maxBytes: config.postmortemMaxBytes,
    }),
    sources: [...options.sources, ...(demo ? [demo.postmortemSource] : [])],
    ticketProviders: [
      ...options.ticketProviders,
      ...(demo ? [demo.ticketProvider] : []),
      ...readTicketProviders(options.config, { logger: options.logger }),
    ],
    sloMetrics: options.sloMetrics,
    sloInstances: options.sloInstances,
    fleet: options.fleet,
    logger: options.logger,
    clock: options.clock,
    // the escalation: stalled actions are logged by the collector and
    // notified to their owners (once per action per repeat period)
    onStalledActions: (actions, now) => escalation.stalled(actions, now),
  });
  return { config, store, collector };
}
