import {
  campaignState,
  dayInZone,
  dueInDays,
  reminderStep,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { campaignLink } from '../notifications/links';
import {
  RELIABILITY_NOTIFICATION_TOPICS,
  ReliabilityNotifier,
} from '../notifications/ReliabilityNotifier';
import { CampaignService, countOf } from './CampaignService';
import { CampaignDefinition } from './CampaignStore';

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The scheduled task `reliability-campaigns`: recomputes every campaign's
 * audience (joined / left) and statuses from stored results, writes
 * today's history row of each active campaign (the day in the campaign's
 * time zone), and sends the reminder step in effect to the owners of the
 * entities that are not done, once per campaign, owner and step (claimed
 * in the notification log, so also once across replicas).
 */
export class CampaignTask {
  constructor(
    private readonly service: CampaignService,
    /**
     * Sends reminders; its claims must never repeat (a step is a day, so a
     * repeat period longer than any campaign).
     */
    private readonly notifier: Pick<ReliabilityNotifier, 'notify'>,
  ) {}

  async run(): Promise<{ campaigns: number; reminders: number }> {
    const { store, logger } = this.service.options;
    const defs = await this.service.definitions();
    const counts = await this.service.refresh(defs);
    const now = this.service.clock.now();
    let reminders = 0;
    let active = 0;
    for (const d of defs) {
      if (campaignState(d, now) !== 'active') continue;
      active++;
      const c = counts.get(d.id);
      if (c) {
        await store.putHistory(d.id, {
          day: dayInZone(now, d.timeZone),
          inScope: c.done + c.notDone + c.exempt,
          done: c.done,
          exempt: c.exempt,
        });
      }
      reminders += await this.remind(d, now);
    }
    logger.info(
      `Campaigns: ${defs.length} campaigns, ${active} active, ${reminders} reminders sent`,
    );
    return { campaigns: defs.length, reminders };
  }

  /** Sends the step in effect to each owner of not-done entities. */
  private async remind(d: CampaignDefinition, now: Date): Promise<number> {
    const step = reminderStep(d, now);
    if (!step) return 0;
    const members = await this.service.options.store.listMembers(d.id);
    const byOwner = new Map<string, string[]>();
    for (const m of members) {
      if (m.leftAt !== null || m.status !== 'not-done') continue;
      if (!m.ownerRef) {
        this.service.options.logger.info(
          `Campaign ${d.id}: no reminder for ${m.entityRef}, it has no owner`,
        );
        continue;
      }
      byOwner.set(m.ownerRef, [
        ...(byOwner.get(m.ownerRef) ?? []),
        m.entityRef,
      ]);
    }
    const days = dueInDays(d, now);
    const due =
      days === 0 ? 'due today' : `due in ${plural(days, 'day', 'days')}`;
    let sent = 0;
    for (const [owner, refs] of [...byOwner].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const ok = await this.notifier.notify(
        {
          key: `campaign:${d.id}:${owner}:${step.day}`,
          entityRef: refs[0],
          recipients: [owner],
          topic: RELIABILITY_NOTIFICATION_TOPICS.campaignReminder,
          title: `${d.title}: ${plural(
            refs.length,
            'entity is',
            'entities are',
          )} not done, ${due}`,
          description: `Not done yet: ${refs.slice(0, 10).join(', ')}${
            refs.length > 10 ? ` and ${refs.length - 10} more` : ''
          }. ${countOf(members).done} entities are done.`,
          link: campaignLink(d.id),
          severity: step.final ? 'high' : 'normal',
        },
        now,
      );
      if (ok) sent++;
    }
    return sent;
  }
}
