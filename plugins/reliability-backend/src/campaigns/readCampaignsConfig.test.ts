import { ConfigReader } from '@backstage/config';
import { readCampaignsConfig } from './readCampaignsConfig';
import {
  CHECKS,
  TIER_MODEL,
  campaignInput,
} from './__testUtils__/campaignHarness';

const read = (campaigns: unknown) =>
  readCampaignsConfig(new ConfigReader({ reliability: { campaigns } } as any), {
    checks: CHECKS,
    tierModel: TIER_MODEL,
  });

describe('readCampaignsConfig', () => {
  it('reads campaigns as read-only config campaigns with defaults', () => {
    const { timeZone, reminders, ...input } = campaignInput();
    expect(read([input])).toEqual([
      {
        ...input,
        id: 'runbooks',
        timeZone: 'UTC',
        reminders: { everyDays: 7, finalDays: 7, finalEveryDays: 1 },
        source: 'config',
        createdBy: 'config',
        createdAt: '2026-03-02T00:00:00.000Z',
        updatedAt: '2026-03-02T00:00:00.000Z',
      },
    ]);
    expect(read(undefined)).toEqual([]);
  });

  it.each([
    [
      [{ ...campaignInput(), id: undefined }],
      'reliability.campaigns[0] "id" is required',
    ],
    [
      [campaignInput(), campaignInput()],
      'reliability.campaigns[1] "id" "runbooks" is used twice',
    ],
    [
      [campaignInput({ audience: { tiers: ['gold'] } })],
      'reliability.campaigns[0] "audience.tiers.0" is an unknown tier "gold"',
    ],
    [
      [campaignInput({ dueDate: '2026-01-01' })],
      'reliability.campaigns[0] "dueDate" must not be before the startDate',
    ],
    [
      [campaignInput({ timeZone: 'Berlin' })],
      'reliability.campaigns[0] "timeZone" must be an IANA time zone',
    ],
    [
      [{ ...campaignInput(), colour: 'red' }],
      'reliability.campaigns[0] "colour" is unknown',
    ],
    [
      [{ ...campaignInput(), published: 'yes' }],
      'reliability.campaigns[0] "published"',
    ],
  ])('rejects %j naming the key', (campaigns, message) => {
    expect(() => read(campaigns)).toThrow(message);
  });
});
