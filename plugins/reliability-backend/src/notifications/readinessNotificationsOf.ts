import {
  EntityReadiness,
  ScorecardResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  RELIABILITY_NOTIFICATION_TOPICS,
  ReliabilityNotification,
} from './ReliabilityNotifier';
import { reliabilityTabLink } from './links';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One evaluated entity, with what it had before the evaluation. */
export interface EvaluatedForNotifications {
  entityRef: string;
  title: string;
  ownerRef: string | null;
  readiness: EntityReadiness;
  scorecards: ScorecardResult[];
  /** The scorecard levels before this evaluation, by scorecard id. */
  previousLevels: Map<string, string | null>;
}

/**
 * The notifications an evaluation calls for: attestations (and exemptions)
 * of required readiness items expiring within `expiringDays`, and scorecard
 * levels lost (a lower level, or none, than before). Pure: `levelsOf`
 * gives each scorecard's levels, lowest first.
 */
export function readinessNotificationsOf(
  e: EvaluatedForNotifications,
  options: {
    now: Date;
    expiringDays: number;
    levelsOf(scorecardId: string): string[];
  },
): ReliabilityNotification[] {
  const recipients = e.ownerRef ? [e.ownerRef] : [];
  const link = reliabilityTabLink(e.entityRef);
  const out: ReliabilityNotification[] = [];
  const horizon = options.now.getTime() + options.expiringDays * DAY_MS;
  for (const item of e.readiness.items) {
    if (!item.required || !item.expiresAt) continue;
    const at = Date.parse(item.expiresAt);
    if (!(at > options.now.getTime() && at <= horizon)) continue;
    const days = Math.ceil((at - options.now.getTime()) / DAY_MS);
    out.push({
      key: `readiness-expiring:${e.entityRef}:${item.id}:${item.expiresAt}`,
      entityRef: e.entityRef,
      recipients,
      topic: RELIABILITY_NOTIFICATION_TOPICS.readinessExpiring,
      title: `${e.title}: "${item.title}" expires in ${days} day${
        days === 1 ? '' : 's'
      }`,
      description: `The ${
        item.exemption ? 'exemption' : 'attestation'
      } of the readiness item "${item.title}" expires at ${
        item.expiresAt
      }. Renew it on the Reliability tab.`,
      link,
      severity: days <= 3 ? 'high' : 'normal',
    });
  }
  for (const s of e.scorecards) {
    if (!e.previousLevels.has(s.scorecardId)) continue;
    const before = e.previousLevels.get(s.scorecardId) ?? null;
    const levels = options.levelsOf(s.scorecardId);
    const rank = (level: string | null) =>
      level === null ? -1 : levels.indexOf(level);
    if (before === null || rank(s.level) >= rank(before)) continue;
    out.push({
      key: `scorecard-level-lost:${e.entityRef}:${s.scorecardId}:${before}->${
        s.level ?? 'none'
      }`,
      entityRef: e.entityRef,
      recipients,
      topic: RELIABILITY_NOTIFICATION_TOPICS.scorecardLevelLost,
      title: `${e.title}: ${s.title} level ${before} lost`,
      description: `Now ${s.levelTitle ?? 'below the first level'}${
        s.missingForNextLevel.length
          ? `; failing: ${s.missingForNextLevel.join(', ')}`
          : ''
      }.`,
      link,
      severity: 'normal',
    });
  }
  return out;
}
