import { LoggerService } from '@backstage/backend-plugin-api';
import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import {
  EvaluatedForNotifications,
  readinessNotificationsOf,
} from './readinessNotificationsOf';
import { ReliabilityNotifier } from './ReliabilityNotifier';

/**
 * Notifies the owners of what a readiness evaluation found: attestations
 * expiring soon and scorecard levels lost. The readiness evaluator calls
 * {@link ReadinessNotifications.evaluated} at its call site, in its
 * scheduled task (`scope: 'global'`: one replica sends). Never throws.
 */
export class ReadinessNotifications {
  constructor(
    private readonly options: {
      notifier: ReliabilityNotifier;
      checks: ChecksConfig;
      expiringDays: number;
      logger: LoggerService;
    },
  ) {}

  async evaluated(
    entities: EvaluatedForNotifications[],
    now: Date,
  ): Promise<void> {
    const levels = new Map(
      this.options.checks.scorecards.map(s => [s.id, s.levels.map(l => l.id)]),
    );
    for (const e of entities) {
      const notifications = readinessNotificationsOf(e, {
        now,
        expiringDays: this.options.expiringDays,
        levelsOf: id => levels.get(id) ?? [],
      });
      for (const n of notifications) {
        try {
          await this.options.notifier.notify(n, now);
        } catch (error) {
          this.options.logger.warn(
            `Could not notify "${n.title}": ${
              (error as Error)?.message ?? error
            }`,
          );
        }
      }
    }
  }
}
