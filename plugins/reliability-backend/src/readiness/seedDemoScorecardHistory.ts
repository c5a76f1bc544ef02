import { ScorecardDefinition } from '@reliability-kit/backstage-plugin-reliability-node';
import { addUtcDays } from '@reliability-kit/backstage-plugin-reliability-common';
import { createHash } from 'node:crypto';
import { ReadinessStore } from './ReadinessStore';

/** Days of scorecard history the demo shows. */
export const DEMO_SCORECARD_DAYS = 90;

/**
 * The day (days ago, 10..79) on which a demo entity reached its current
 * level: fixed per scorecard and entity, so every start seeds the same
 * history.
 */
export function demoClimbDaysAgo(scorecardId: string, entityRef: string) {
  const hash = createHash('sha256')
    .update(`${scorecardId}\u0000${entityRef}`)
    .digest();
  return 10 + (hash.readUInt32BE(0) % 70);
}

/**
 * One demo entity's history for the `days` days before `today`: its
 * current level and score from the day it climbed ({@link
 * demoClimbDaysAgo}) on, one level lower (and a quarter less score) before.
 */
export function demoScorecardHistory(options: {
  scorecard: Pick<ScorecardDefinition, 'id' | 'levels'>;
  entityRef: string;
  level: string | null;
  score: number;
  today: string;
  days?: number;
}): Array<{ day: string; level: string | null; score: number }> {
  const { scorecard, entityRef, level, score, today } = options;
  const climbed = demoClimbDaysAgo(scorecard.id, entityRef);
  const index = scorecard.levels.findIndex(l => l.id === level);
  const lower = index > 0 ? scorecard.levels[index - 1].id : null;
  const points = [];
  for (let ago = options.days ?? DEMO_SCORECARD_DAYS; ago >= 1; ago--) {
    const before = ago > climbed && level !== null;
    points.push({
      day: addUtcDays(today, -ago),
      level: before ? lower : level,
      score: before
        ? Math.max(0, Math.round((score - 0.25) * 100) / 100)
        : score,
    });
  }
  return points;
}

/**
 * Demo mode: gives every scorecard a history of the last 90 days, built
 * from each entity's current result ({@link demoScorecardHistory}), on the
 * days that have none (a stored day is never replaced). The data is as
 * synthetic as the rest of the demo. Returns the points offered.
 */
export async function seedDemoScorecardHistory(options: {
  readinessStore: ReadinessStore;
  scorecards: ScorecardDefinition[];
  now: Date;
}): Promise<number> {
  const { readinessStore } = options;
  const today = options.now.toISOString().slice(0, 10);
  let offered = 0;
  for (const scorecard of options.scorecards) {
    let after: string | undefined;
    for (;;) {
      const page = await readinessStore.listScorecardResults(scorecard.id, {
        limit: 500,
        ...(after ? { after } : {}),
      });
      const points = page.items.flatMap(r =>
        demoScorecardHistory({
          scorecard,
          entityRef: r.entityRef,
          level: r.level,
          score: r.score,
          today,
        }).map(p => ({
          ...p,
          entityRef: r.entityRef,
          ownerRef: r.ownerRef,
          tier: r.tier,
        })),
      );
      await readinessStore.addScorecardHistory(scorecard.id, points);
      offered += points.length;
      if (page.items.length < 500) break;
      after = page.items[page.items.length - 1].entityRef;
    }
  }
  return offered;
}
