import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { TierModel } from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { Knex } from 'knex';
import type { EntitySectionStore } from '../database/EntitySectionStore';
import { Clock } from '../lib/Clock';
import { DatabaseNotificationLog } from '../notifications/DatabaseNotificationLog';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import { CampaignService, CampaignServiceOptions } from './CampaignService';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { CampaignTask } from './campaignTask';
import { CampaignWrites } from './campaignWrites';
import { readCampaignsConfig } from './readCampaignsConfig';
import { seedDemoCampaigns } from './seedDemoCampaigns';

/** A reminder step is a day: its claim must never be taken over. */
const NEVER_REPEAT_MS = 100 * 365 * 24 * 60 * 60 * 1000;

/**
 * The campaigns feature, wired: config campaigns (validated, failing the
 * startup with the key), the store, the service, the writes, the
 * scheduled task (reminders through the notification service, a log line
 * without it) and the demo seed.
 */
export function createCampaignsFeature(options: {
  config: Config;
  db: Knex;
  fleet: CampaignServiceOptions['fleet'];
  sections: Pick<EntitySectionStore, 'readSectionOf'>;
  catalog: CatalogService;
  auth: AuthService;
  checks: ChecksConfig;
  tierModel: TierModel;
  notifications?: NotificationService;
  /** Told after a promotion (e.g. re-evaluate readiness now). */
  onPromoted?(): Promise<void>;
  logger: LoggerService;
  clock: Clock;
}) {
  const { config, db, checks, tierModel, logger } = options;
  const store = new DatabaseCampaignStore(db);
  const service = new CampaignService({
    store,
    fleet: options.fleet,
    sections: options.sections,
    catalog: options.catalog,
    auth: options.auth,
    checks,
    tierModel,
    configCampaigns: readCampaignsConfig(config, { checks, tierModel }),
    clock: options.clock,
    logger,
  });
  const writes = new CampaignWrites(service, {
    onPromoted: options.onPromoted,
  });
  const task = new CampaignTask(
    service,
    new ReliabilityNotifier({
      notifications: options.notifications,
      store: new DatabaseNotificationLog(db),
      repeatAfterMs: NEVER_REPEAT_MS,
      logger,
    }),
  );
  let seedDemo = config.getOptionalBoolean('reliability.demo.enabled') === true;
  return {
    store,
    service,
    writes,
    task,
    /** The scheduled run (and, in demo mode, the demo campaigns first). */
    async run() {
      if (seedDemo) {
        await seedDemoCampaigns(service);
        seedDemo = false;
      }
      await task.run();
    },
  };
}
