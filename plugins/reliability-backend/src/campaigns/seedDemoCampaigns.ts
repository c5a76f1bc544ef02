import { DateTime } from 'luxon';
import {
  DEFAULT_CAMPAIGN_REMINDERS,
  dayInZone,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { CampaignService } from './CampaignService';
import { CampaignDefinition } from './CampaignStore';

const DEMO_ACTOR = 'demo';

/**
 * Demo mode: three campaigns relative to the clock, stored through the
 * same store (and audit log) as real ones, each only when absent:
 *
 * - `demo-owners` on track: every component has an owner, due in 30 days;
 * - `demo-gold` behind: tier-1 reaches gold on the first scorecard, due in
 *   3 days;
 * - `demo-runbooks` ended 10 days ago and promoted: runbooks become
 *   required for tier-3.
 *
 * A campaign whose readiness item, scorecard or tier is not configured is
 * skipped. After a refresh, days without history get a burn-up rising
 * linearly to the current counts.
 */
export async function seedDemoCampaigns(
  service: CampaignService,
): Promise<string[]> {
  const { store, checks, tierModel, logger } = service.options;
  const now = service.clock.now();
  const today = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day');
  const day = (offset: number) => today.plus({ days: offset }).toISODate()!;
  const at = now.toISOString();
  const items = new Set(checks.readiness.map(i => i.id));
  const tiers = tierModel.tiers.map(t => t.id);
  const card = checks.scorecards[0];
  const base = {
    owner: 'group:default/platform',
    timeZone: 'UTC',
    reminders: DEFAULT_CAMPAIGN_REMINDERS,
    published: true,
    source: 'api' as const,
    createdBy: DEMO_ACTOR,
    createdAt: at,
    updatedAt: at,
  };
  const demo: Array<CampaignDefinition | undefined> = [
    items.has('owner')
      ? {
          ...base,
          id: 'demo-owners',
          title: 'Every component has an owner',
          description:
            'Ownership is the base of every reliability practice: pages, reviews and reminders reach a team.',
          howToFix:
            'Set `spec.owner` in `catalog-info.yaml` to your team, e.g. `group:default/payments`.',
          target: { readinessItems: ['owner'] },
          audience: { kinds: ['component'] },
          startDate: day(-14),
          dueDate: day(30),
        }
      : undefined,
    card && card.levels.length && tiers[0]
      ? {
          ...base,
          id: 'demo-gold',
          title: `Tier-1 reaches ${
            card.levels[card.levels.length - 1].title
          } on ${card.title}`,
          description: `Every ${tiers[0]} service reaches the top level of ${card.title} this quarter.`,
          howToFix: `Open the entity's Scorecards tab: the checks missing for the next level say how to fix each.`,
          target: {
            scorecardLevel: {
              scorecardId: card.id,
              level: card.levels[card.levels.length - 1].id,
            },
          },
          audience: { tiers: [tiers[0]] },
          startDate: day(-50),
          dueDate: day(3),
        }
      : undefined,
    items.has('runbooks') && tiers[2]
      ? {
          ...base,
          id: 'demo-runbooks',
          title: `Runbooks for ${tiers[2]}`,
          description: `Every alert of a ${tiers[2]} service links a runbook; once ended, runbooks join the ${tiers[2]} checklist.`,
          howToFix:
            'Add a `runbook_url` annotation to each alerting rule of the service.',
          target: { readinessItems: ['runbooks'] },
          audience: { tiers: [tiers[2]] },
          startDate: day(-90),
          dueDate: day(-10),
        }
      : undefined,
  ];
  const seeded: string[] = [];
  for (const d of demo) {
    if (!d) continue;
    if (
      await store.createCampaign(d, {
        at,
        actor: DEMO_ACTOR,
        action: 'campaign.create',
        entityRef: `campaign:${d.id}`,
        target: `campaign:${d.id}`,
        details: { demo: true },
      })
    ) {
      seeded.push(d.id);
    }
  }
  const counts = await service.refresh();
  const runbooks = demo[2];
  if (runbooks && tiers[2]) {
    await store.promote(
      {
        campaignId: runbooks.id,
        kind: 'readiness',
        targetId: tiers[2],
        readinessItems: ['runbooks'],
        scorecardChecks: [],
        promotedBy: DEMO_ACTOR,
        promotedAt: at,
      },
      {
        at,
        actor: DEMO_ACTOR,
        action: 'campaign.promote',
        entityRef: `campaign:${runbooks.id}`,
        target: `campaign:${runbooks.id}`,
        details: { kind: 'readiness', id: tiers[2], demo: true },
      },
    );
  }
  for (const d of demo) {
    if (!d) continue;
    const c = counts.get(d.id);
    const history = await store.listHistory(d.id);
    if (!c || history.length > 0) continue;
    const last =
      dayInZone(now, 'UTC') < d.dueDate ? dayInZone(now, 'UTC') : d.dueDate;
    const from = DateTime.fromISO(d.startDate, { zone: 'UTC' });
    const span = Math.max(
      1,
      DateTime.fromISO(last, { zone: 'UTC' }).diff(from, 'days').days,
    );
    const inScope = c.done + c.notDone + c.exempt;
    for (let i = 0; i <= span; i++) {
      const share = i / span;
      await store.putHistory(d.id, {
        day: from.plus({ days: i }).toISODate()!,
        inScope,
        done: Math.round(c.done * share),
        exempt: Math.round(c.exempt * share),
      });
    }
  }
  if (seeded.length) {
    logger.info(`Seeded the demo campaigns ${seeded.join(', ')}`);
  }
  return seeded;
}
