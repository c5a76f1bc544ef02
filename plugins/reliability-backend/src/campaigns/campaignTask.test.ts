import type { NotificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { testDatabases } from '../__testUtils__/testDatabases';
import {
  DEV,
  MANAGER,
  TEAM_A,
  TEAM_B,
  TestEntity,
  as,
  campaignHarness,
  campaignInput,
  refOf,
} from './__testUtils__/campaignHarness';

const databases = testDatabases();
/** A Tuesday in the campaign's second week (Berlin). */
const NOW = '2026-03-10T12:00:00.000Z';
const TEAM_C = 'group:default/team-c';

const FLEET: TestEntity[] = [
  {
    name: 'checkout',
    owner: TEAM_A,
    tier: 'tier-1',
    readiness: { runbooks: 'passed' },
  },
  {
    name: 'payments',
    owner: TEAM_A,
    tier: 'tier-1',
    readiness: { runbooks: 'failed' },
  },
  {
    name: 'search',
    owner: TEAM_B,
    tier: 'tier-1',
    readiness: { runbooks: 'failed' },
  },
  {
    name: 'ledger',
    owner: TEAM_C,
    tier: 'tier-1',
    readiness: { runbooks: 'attested' },
  },
  {
    name: 'docs',
    owner: TEAM_B,
    tier: 'tier-3',
    readiness: { runbooks: 'failed' },
  },
];

const notificationsMock = () => {
  const send = jest.fn(async () => {});
  return { send, service: { send } as unknown as NotificationService };
};

describe.each(databases.eachSupportedId())('campaign task on %s', id => {
  async function setup(notifications?: NotificationService) {
    const h = await campaignHarness(databases, id, {
      now: NOW,
      entities: FLEET,
      notifications,
    });
    const res = await request(h.app)
      .post('/campaigns')
      .set('authorization', as(MANAGER))
      .send(campaignInput({ id: 'runbooks' }));
    expect(res.status).toBe(201);
    return h;
  }

  it('records entities joining and leaving the audience', async () => {
    const h = await setup();
    await h.feature.task.run();
    h.setNow('2026-03-12T08:00:00.000Z');
    // payments moves to tier-2 (leaves), billing appears (joins)
    await h.setFleet([
      ...FLEET.filter(e => e.name !== 'payments'),
      { ...FLEET[1], tier: 'tier-2' },
      {
        name: 'billing',
        owner: TEAM_B,
        tier: 'tier-1',
        readiness: { runbooks: 'failed' },
      },
    ]);
    await h.feature.task.run();
    const one = await request(h.app)
      .get('/campaigns/runbooks')
      .set('authorization', as(DEV));
    expect(one.body.progress).toMatchObject({
      inScope: 4,
      done: 2,
      notDone: 2,
      joined: 1,
      left: 1,
    });
    const page = await request(h.app)
      .get('/campaigns/runbooks/entities?status=not-done')
      .set('authorization', as(DEV));
    expect(page.body.items).toEqual([
      expect.objectContaining({
        entityRef: refOf('billing'),
        joinedAt: '2026-03-12T08:00:00.000Z',
      }),
      expect.not.objectContaining({ joinedAt: expect.anything() }),
    ]);
    expect(page.body.left).toEqual([
      {
        entityRef: refOf('payments'),
        ownerRef: TEAM_A,
        leftAt: '2026-03-12T08:00:00.000Z',
      },
    ]);

    // payments comes back: it joins again, it no longer counts as left
    h.setNow('2026-03-13T08:00:00.000Z');
    await h.setFleet([
      ...FLEET,
      { name: 'billing', owner: TEAM_B, tier: 'tier-1' },
    ]);
    await h.feature.task.run();
    const back = await request(h.app)
      .get('/campaigns/runbooks')
      .set('authorization', as(DEV));
    expect(back.body.progress).toMatchObject({
      inScope: 5,
      joined: 2,
      left: 0,
    });
    // the fleet filter: entities not done for the campaign
    expect((await h.feature.service.notDoneRefs('runbooks')).sort()).toEqual(
      [refOf('billing'), refOf('payments'), refOf('search')].sort(),
    );
  });

  it('writes one history row per day, the day in the campaign time zone', async () => {
    const h = await setup();
    await h.feature.task.run();
    // 23:30 UTC is already the next day in Berlin
    h.setNow('2026-03-10T23:30:00.000Z');
    await h.setFleet(
      FLEET.map(e => ({ ...e, readiness: { runbooks: 'passed' } })),
    );
    await h.feature.task.run();
    await h.feature.task.run();
    const res = await request(h.app)
      .get('/campaigns/runbooks/history')
      .set('authorization', as(DEV));
    expect(res.body).toEqual({
      campaignId: 'runbooks',
      points: [
        { day: '2026-03-10', inScope: 4, done: 2, exempt: 0 },
        { day: '2026-03-11', inScope: 4, done: 4, exempt: 0 },
      ],
    });
  });

  it('reminds only the owners of entities not done, once per step', async () => {
    const n = notificationsMock();
    const h = await setup(n.service);
    // the step of 2026-03-09 (weekly from Monday 2026-03-02) is in effect
    await h.feature.task.run();
    await h.feature.task.run();
    const recipients = () =>
      n.send.mock.calls.map((c: any) => c[0].recipients.entityRef[0]).sort();
    expect(recipients()).toEqual([TEAM_A, TEAM_B]);
    expect(n.send.mock.calls[0][0].payload).toMatchObject({
      topic: 'reliability-campaign-reminder',
      link: '/reliability/campaigns/runbooks',
      severity: 'normal',
    });
    expect(
      n.send.mock.calls.map((c: any) => c[0].payload.title).sort(),
    ).toEqual([
      'Runbooks for tier-1: 1 entity is not done, due in 19 days',
      'Runbooks for tier-1: 1 entity is not done, due in 19 days',
    ]);

    // team A fixes payments; the next step (Monday 2026-03-16) reaches team B only
    h.setNow('2026-03-16T07:00:00.000Z');
    await h.setFleet(
      FLEET.map(e =>
        e.name === 'payments' ? { ...e, readiness: { runbooks: 'passed' } } : e,
      ),
    );
    await h.feature.task.run();
    expect(recipients()).toEqual([TEAM_A, TEAM_B, TEAM_B]);
  });

  it('two replicas running at once send each step once', async () => {
    const first = notificationsMock();
    const second = notificationsMock();
    const h = await setup(first.service);
    const other = h.replica(second.service);
    await Promise.all([
      h.feature.task.run(),
      other.task.run(),
      h.feature.task.run(),
      other.task.run(),
    ]);
    expect(first.send.mock.calls.length + second.send.mock.calls.length).toBe(
      2,
    );
  });

  it('logs instead of notifying without a notification service', async () => {
    const h = await setup();
    const { reminders } = await h.feature.task.run();
    expect(reminders).toBe(0);
    expect(h.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Notification not sent (the notifications plugin is not installed): Runbooks for tier-1',
      ),
    );
    // nothing was claimed: a later run with the service still sends
    const n = notificationsMock();
    await h.replica(n.service).task.run();
    expect(n.send).toHaveBeenCalledTimes(2);
  });
});
