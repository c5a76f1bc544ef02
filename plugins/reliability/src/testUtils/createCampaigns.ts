import {
  Campaign,
  CampaignProgress,
  CampaignWithProgress,
  EntityCampaign,
  addUtcDays,
  dayInZone,
} from '@reliability-kit/backstage-plugin-reliability-common';

/** The UTC calendar day `days` days from today (negative: before). */
export function utcDayFromToday(days: number): string {
  return addUtcDays(dayInZone(new Date(), 'UTC'), days);
}

/** An active campaign due in 10 days (UTC), for tests. */
export function createCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'burn-alerts',
    title: 'Burn-rate alerts on every tier-1 service',
    description: 'Every tier-1 service **pages on burn rate**.',
    howToFix: 'Add a `multiwindow` burn-rate alert rule.',
    owner: 'group:default/sre',
    target: { readinessItems: ['burn-rate-alerts'] },
    audience: { tiers: ['tier-1'] },
    startDate: utcDayFromToday(-20),
    dueDate: utcDayFromToday(10),
    timeZone: 'UTC',
    reminders: { everyDays: 7, finalDays: 7, finalEveryDays: 1 },
    published: true,
    state: 'active',
    dueAt: `${utcDayFromToday(11)}T00:00:00.000Z`,
    source: 'api',
    createdBy: 'user:default/guest',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A campaign with 3 of 4 counted entities done (75%), for tests. */
export function createCampaignWithProgress(
  campaign: Partial<Campaign> = {},
  progress: Partial<CampaignProgress> = {},
): CampaignWithProgress {
  return {
    campaign: createCampaign(campaign),
    progress: {
      inScope: 5,
      done: 3,
      notDone: 1,
      exempt: 1,
      joined: 1,
      left: 2,
      doneShare: 0.75,
      computedAt: '2026-11-26T00:00:00.000Z',
      ...progress,
    },
  };
}

/** A campaign as it applies to one entity, for tests. */
export function createEntityCampaign(
  overrides: Partial<EntityCampaign> = {},
  campaign: Partial<Campaign> = {},
): EntityCampaign {
  return {
    campaign: createCampaign(campaign),
    status: 'not-done',
    missing: ['Burn-rate alerts'],
    dueInDays: 10,
    ...overrides,
  };
}
