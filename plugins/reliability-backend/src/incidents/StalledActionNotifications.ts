import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CorrectiveActionRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  RELIABILITY_NOTIFICATION_TOPICS,
  ReliabilityNotification,
  ReliabilityNotifier,
} from '../notifications/ReliabilityNotifier';
import { reliabilityTabLink } from '../notifications/links';

/** Owner kinds an action owner may name to be notified directly. */
const RECIPIENT_KINDS = new Set(['user', 'group']);

/**
 * The entity ref an action owner names, when it is a user or group ref
 * (`user:jane`, `group:default/team-a`); undefined for a free-text person
 * ("Jane Doe") or a ref of another kind.
 */
export function actionOwnerRef(owner: string | undefined): string | undefined {
  if (!owner) return undefined;
  try {
    const ref = parseEntityRef(owner.trim());
    if (!RECIPIENT_KINDS.has(ref.kind.toLocaleLowerCase('en-US'))) {
      return undefined;
    }
    return stringifyEntityRef(ref);
  } catch {
    return undefined;
  }
}

/**
 * The escalation of one stalled action: to the action's owner when it names
 * a user or group, else to the owner of the entity; keyed per action, so the
 * notifier sends it at most once per repeat period. Pure.
 */
export function stalledActionNotificationOf(
  a: CorrectiveActionRecord,
  entityOwnerRef: string | undefined,
): ReliabilityNotification {
  const owner = actionOwnerRef(a.owner) ?? entityOwnerRef;
  return {
    key: `corrective-action-overdue:${a.entityRef}:${a.postmortemId}:${a.id}`,
    entityRef: a.entityRef,
    recipients: owner ? [owner] : [],
    topic: RELIABILITY_NOTIFICATION_TOPICS.correctiveActionOverdue,
    title: `Corrective action "${a.title}" is ${a.overdueDays} day${
      a.overdueDays === 1 ? '' : 's'
    } overdue`,
    description: `From the postmortem "${a.postmortemTitle}" of ${a.entityRef}${
      a.due ? `, due ${a.due}` : ''
    }${a.ticket ? `, ticket ${a.ticket}` : ', no ticket'}${
      a.owner ? `, owner ${a.owner}` : ''
    }.`,
    link: reliabilityTabLink(a.entityRef),
    severity: 'high',
  };
}

/**
 * The incidents collector's `onStalledActions` hook: notifies the owners
 * of stalled corrective actions through the suite's notifier (atomic claim
 * in the notification log, so one notification per action per repeat
 * period even with several replicas). Without a notifier it logs a line
 * per action. Never throws.
 */
export class StalledActionNotifications {
  constructor(
    private readonly options: {
      notifier?: ReliabilityNotifier;
      /** The owners of the indexed entities, by entity ref. */
      ownersOf(): Promise<Map<string, string | undefined>>;
      logger: LoggerService;
    },
  ) {}

  async stalled(actions: CorrectiveActionRecord[], now: Date): Promise<number> {
    const { notifier, logger } = this.options;
    if (!notifier) {
      for (const a of actions) {
        logger.info(
          `Stalled corrective action ${a.id} of ${a.entityRef} not escalated: no notification service`,
        );
      }
      return 0;
    }
    const owners = await this.options.ownersOf();
    let sent = 0;
    for (const a of actions) {
      const n = stalledActionNotificationOf(a, owners.get(a.entityRef));
      try {
        if (await notifier.notify(n, now)) sent++;
      } catch (error) {
        logger.warn(
          `Could not notify "${n.title}": ${
            (error as Error)?.message ?? error
          }`,
        );
      }
    }
    return sent;
  }
}
