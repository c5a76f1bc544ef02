import { Knex } from 'knex';

const SENT = 'reliability_notifications_sent';

/** What was notified, so that a repeat within the period is not sent. */
export interface NotificationLog {
  /**
   * Records that the notification `key` is sent at `now`, unless it was
   * sent less than `repeatAfterMs` before: true when it is to be sent.
   */
  claimNotification(input: {
    key: string;
    entityRef: string;
    topic: string;
    now: Date;
    repeatAfterMs: number;
  }): Promise<boolean>;
  /** Forgets a claim whose sending failed, so the next run tries again. */
  releaseNotification(key: string, sentAt: string): Promise<void>;
}

/**
 * The knex implementation of {@link NotificationLog}; its table
 * `reliability_notifications_sent` comes with the migration
 * `20261208000000_policy.js`.
 */
export class DatabaseNotificationLog implements NotificationLog {
  constructor(private readonly db: Knex) {}

  async claimNotification(input: {
    key: string;
    entityRef: string;
    topic: string;
    now: Date;
    repeatAfterMs: number;
  }): Promise<boolean> {
    const sentAt = input.now.toISOString();
    const repeatBefore = new Date(
      input.now.getTime() - input.repeatAfterMs,
    ).toISOString();
    // One statement, so that two writers cannot both claim it: insert, or
    // take over a claim older than the repeat period.
    const claimed = await this.db(SENT)
      .insert({
        notification_key: input.key,
        entity_ref: input.entityRef,
        topic: input.topic,
        sent_at: sentAt,
      })
      .onConflict('notification_key')
      .merge(['sent_at', 'entity_ref', 'topic'])
      .where(`${SENT}.sent_at`, '<=', repeatBefore)
      .returning('notification_key');
    return claimed.length > 0;
  }

  async releaseNotification(key: string, sentAt: string): Promise<void> {
    await this.db(SENT)
      .where({ notification_key: key, sent_at: sentAt })
      .delete();
  }
}
