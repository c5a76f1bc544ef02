import { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { NotificationLog } from './DatabaseNotificationLog';

/**
 * The notification topics of the suite, one per kind, so users can mute
 * each in their notification settings.
 */
export const RELIABILITY_NOTIFICATION_TOPICS = {
  policyState: 'reliability-policy-state',
  readinessExpiring: 'reliability-readiness-expiring',
  scorecardLevelLost: 'reliability-scorecard-level-lost',
  /**
   * Reserved for the incidents feature (overdue corrective actions,
   * escalated to the owner's parent group): it sends through
   * {@link ReliabilityNotifier.notify} with this topic.
   */
  correctiveActionOverdue: 'reliability-corrective-action-overdue',
  /** Campaign reminders to the owners of entities not done. */
  campaignReminder: 'reliability-campaign-reminder',
} as const;

/** One notification to an entity's owner (or another entity recipient). */
export interface ReliabilityNotification {
  /**
   * What makes it the same notification: it is not sent again within the
   * repeat period, e.g. `policy:component:default/x:exhausted`.
   */
  key: string;
  /** The entity it is about. */
  entityRef: string;
  /** The recipients: entity refs (a group reaches its members). */
  recipients: string[];
  topic: string;
  title: string;
  description: string;
  /** A link into the app, e.g. the entity's Reliability tab. */
  link: string;
  severity: NotificationSeverity;
}

/**
 * Sends the suite's notifications through Backstage's notification service,
 * at most once per key within `repeatAfterMs` (what was sent is stored).
 * Without a notification service (the notifications plugin is not
 * installed), or when sending fails, it logs a line instead and forgets the
 * claim so a later run tries again. Callers run in scheduled tasks of
 * `scope: 'global'`, so one replica sends.
 */
export class ReliabilityNotifier {
  constructor(
    private readonly options: {
      notifications?: NotificationService;
      store: NotificationLog;
      repeatAfterMs: number;
      logger: LoggerService;
    },
  ) {}

  /** Whether it was sent now (false: sent recently, or sending failed). */
  async notify(n: ReliabilityNotification, now: Date): Promise<boolean> {
    const { notifications, store, logger } = this.options;
    if (n.recipients.length === 0) {
      logger.info(
        `Not notifying "${n.title}" about ${n.entityRef}: it has no owner`,
      );
      return false;
    }
    if (!notifications) {
      logger.info(
        `Notification not sent (the notifications plugin is not installed): ${n.title} (${n.entityRef})`,
      );
      return false;
    }
    const claimed = await store.claimNotification({
      key: n.key,
      entityRef: n.entityRef,
      topic: n.topic,
      now,
      repeatAfterMs: this.options.repeatAfterMs,
    });
    if (!claimed) return false;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: n.recipients },
        payload: {
          title: n.title,
          description: n.description,
          link: n.link,
          severity: n.severity,
          topic: n.topic,
          scope: n.key,
        },
      });
      return true;
    } catch (error) {
      await store.releaseNotification(n.key, now.toISOString()).catch(() => {});
      logger.warn(
        `Could not send the notification "${n.title}" about ${n.entityRef}: ${
          (error as Error)?.message ?? error
        }`,
      );
      return false;
    }
  }
}
