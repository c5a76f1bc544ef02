import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { DatabaseNotificationLog } from './DatabaseNotificationLog';
import { readNotificationsConfig } from './readNotificationsConfig';
import { ReliabilityNotifier } from './ReliabilityNotifier';

/**
 * The notifier of the suite, with `reliability.notifications` (validated,
 * failing the startup with the key of a mistake).
 */
export function createNotifier(options: {
  config: Config;
  db: Knex;
  notifications?: NotificationService;
  logger: LoggerService;
}) {
  const config = readNotificationsConfig(options.config);
  const notifier = new ReliabilityNotifier({
    notifications: options.notifications,
    store: new DatabaseNotificationLog(options.db),
    repeatAfterMs: config.repeatAfterMs,
    logger: options.logger,
  });
  return { config, notifier };
}
