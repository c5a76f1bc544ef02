import {
  Campaign,
  CampaignEntityStatus,
  CampaignState,
  dueInDays,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { StateTone } from '../StateIndicator';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * "due in N days" for a due date `daysLeft` whole days ahead, "due today" on
 * the due day, and after it "N days late" (`late`) or "overdue by N days"
 * (`overdue`).
 */
export function formatDue(
  daysLeft: number,
  style: 'late' | 'overdue' = 'late',
): string {
  if (daysLeft === 0) {
    return 'due today';
  }
  if (daysLeft > 0) {
    return `due in ${days(daysLeft)}`;
  }
  return style === 'late'
    ? `${days(-daysLeft)} late`
    : `overdue by ${days(-daysLeft)}`;
}

/** Whole days until a campaign is due, in its time zone (negative: late). */
export function dueInDaysOf(campaign: Campaign, now: Date): number {
  return dueInDays(campaign, now);
}

/** The label and tone of a campaign's state. */
export const CAMPAIGN_STATES: Record<
  CampaignState,
  { label: string; tone: StateTone }
> = {
  draft: { label: 'Draft', tone: 'aborted' },
  scheduled: { label: 'Scheduled', tone: 'pending' },
  active: { label: 'Active', tone: 'ok' },
  ended: { label: 'Ended', tone: 'aborted' },
};

/** The label and tone of where an entity stands in a campaign. */
export const CAMPAIGN_ENTITY_STATUSES: Record<
  CampaignEntityStatus,
  { label: string; tone: StateTone }
> = {
  done: { label: 'Done', tone: 'ok' },
  'not-done': { label: 'Not done', tone: 'error' },
  exempt: { label: 'Exempt', tone: 'pending' },
};

/** What a campaign asks for, in words. */
export function describeTarget(campaign: Campaign): string[] {
  const { readinessItems, scorecardChecks, scorecardLevel } = campaign.target;
  return [
    ...(readinessItems ?? []).map(item => `Readiness item ${item}`),
    ...(scorecardChecks ?? []).map(
      c => `Scorecard check ${c.scorecardId}/${c.checkId}`,
    ),
    ...(scorecardLevel
      ? [
          `Level ${scorecardLevel.level} or above on ${scorecardLevel.scorecardId}`,
        ]
      : []),
  ];
}
