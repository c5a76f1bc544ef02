import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { CampaignPromotion } from './CampaignStore';

/**
 * The readiness and scorecard configuration with the promotions of ended
 * campaigns: a promoted readiness item becomes required for the tier; a
 * promoted check joins the scorecard at the level (leaving the level it
 * was in, with its weight, or weight 1). Promotions of items, checks,
 * scorecards or levels no longer configured are skipped. Pure: the
 * configuration given is not changed.
 */
export function applyPromotions(
  config: ChecksConfig,
  promotions: CampaignPromotion[],
): ChecksConfig {
  if (promotions.length === 0) return config;
  const readiness = config.readiness.map(i => ({ ...i, tiers: [...i.tiers] }));
  const scorecards = config.scorecards.map(s => ({
    ...s,
    levels: s.levels.map(l => ({ ...l, checks: [...l.checks] })),
  }));
  const known = new Set(config.checks.map(c => c.id));
  for (const p of promotions) {
    if (p.kind === 'readiness') {
      for (const id of p.readinessItems) {
        const item = readiness.find(i => i.id === id);
        if (item && !item.tiers.includes(p.targetId))
          item.tiers.push(p.targetId);
      }
      continue;
    }
    const card = scorecards.find(s => s.id === p.targetId);
    const level = card?.levels.find(l => l.id === p.level);
    if (!card || !level) continue;
    for (const check of p.scorecardChecks) {
      if (!known.has(check)) continue;
      let weight = 1;
      for (const l of card.levels) {
        const at = l.checks.findIndex(c => c.check === check);
        if (at >= 0) {
          weight = l.checks[at].weight;
          l.checks.splice(at, 1);
        }
      }
      level.checks.push({ check, weight });
    }
  }
  return { ...config, readiness, scorecards };
}
