import type { NotificationService } from '@backstage/plugin-notifications-node';
import { testDatabases } from '../__testUtils__/testDatabases';
import * as fx from './__testUtils__/campaignHarness';

const databases = testDatabases();
/** A Tuesday in the campaign's second week (Berlin). */
const NOW = '2026-03-10T12:00:00.000Z';
const FLEET = fx.RUNBOOKS_FLEET;

const notificationsMock = () => {
  const send = jest.fn(async (_request: any) => {});
  return { send, service: { send } as unknown as NotificationService };
};

describe.each(databases.eachSupportedId())('campaign task on %s', id => {
  async function setup(notifications?: NotificationService) {
    const h = await fx.campaignHarness(databases, id, {
      now: NOW,
      entities: FLEET,
      notifications,
    });
    const res = await fx
      .call(h.app, 'post', '/campaigns', fx.MANAGER)
      .send(fx.campaignInput({ id: 'runbooks' }));
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
      fx.withRunbooks('billing', fx.TEAM_B, 'tier-1', 'failed'),
    ]);
    await h.feature.task.run();
    const one = await fx.call(h.app, 'get', '/campaigns/runbooks', fx.DEV);
    expect(one.body.progress).toMatchObject({
      inScope: 4,
      done: 2,
      notDone: 2,
      joined: 1,
      left: 1,
    });
    const page = await fx.call(
      h.app,
      'get',
      '/campaigns/runbooks/entities?status=not-done',
      fx.DEV,
    );
    expect(page.body.items).toEqual([
      expect.objectContaining({
        entityRef: fx.refOf('billing'),
        joinedAt: '2026-03-12T08:00:00.000Z',
      }),
      expect.not.objectContaining({ joinedAt: expect.anything() }),
    ]);
    expect(page.body.left).toEqual([
      {
        entityRef: fx.refOf('payments'),
        ownerRef: fx.TEAM_A,
        leftAt: '2026-03-12T08:00:00.000Z',
      },
    ]);

    // payments comes back: it joins again, it no longer counts as left
    h.setNow('2026-03-13T08:00:00.000Z');
    await h.setFleet([
      ...FLEET,
      { name: 'billing', owner: fx.TEAM_B, tier: 'tier-1' },
    ]);
    await h.feature.task.run();
    const back = await fx.call(h.app, 'get', '/campaigns/runbooks', fx.DEV);
    expect(back.body.progress).toMatchObject({
      inScope: 5,
      joined: 2,
      left: 0,
    });
    // the fleet filter: entities not done for the campaign
    expect((await h.feature.service.notDoneRefs('runbooks')).sort()).toEqual(
      [fx.refOf('billing'), fx.refOf('payments'), fx.refOf('search')].sort(),
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
    const res = await fx.call(
      h.app,
      'get',
      '/campaigns/runbooks/history',
      fx.DEV,
    );
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
    expect(recipients()).toEqual([fx.TEAM_A, fx.TEAM_B]);
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
    expect(recipients()).toEqual([fx.TEAM_A, fx.TEAM_B, fx.TEAM_B]);
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
