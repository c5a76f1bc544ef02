import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { CorrectiveActionRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseNotificationLog } from '../notifications/DatabaseNotificationLog';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import {
  StalledActionNotifications,
  actionOwnerRef,
  stalledActionNotificationOf,
} from './StalledActionNotifications';

const databases = testDatabases();
const HOUR = 3_600_000;
const T0 = Date.parse('2026-05-04T08:00:00.000Z');
const at = (h: number) => new Date(T0 + h * HOUR);
const CHECKOUT = 'component:default/checkout';
const TEAM = 'group:default/team-a';

const action = (
  over: Partial<CorrectiveActionRecord> = {},
): CorrectiveActionRecord => ({
  entityRef: CHECKOUT,
  postmortemId: 'pm-1',
  postmortemTitle: 'Checkout outage',
  id: 'A1',
  title: 'Canary deploys',
  owner: 'user:default/ada',
  due: '2026-04-10',
  dueAt: '2026-04-10T21:59:59.999Z',
  ticket: 'OPS-1',
  state: 'open',
  overdueDays: 23,
  stalled: true,
  ...over,
});

describe('actionOwnerRef', () => {
  it.each([
    ['user:default/ada', 'user:default/ada'],
    ['user:ada', 'user:default/ada'],
    ['group:payments/team-b', 'group:payments/team-b'],
    ['Group:default/Team-B', 'group:default/team-b'],
    ['Ada Lovelace', undefined],
    ['ada', undefined],
    ['component:default/checkout', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%p names %p', (owner, expected) => {
    expect(actionOwnerRef(owner)?.toLocaleLowerCase('en-US')).toBe(expected);
  });
});

describe('stalledActionNotificationOf', () => {
  it('goes to the action owner when it is a user or group ref, else to the entity owner', () => {
    expect(stalledActionNotificationOf(action(), TEAM)).toMatchObject({
      key: 'corrective-action-overdue:component:default/checkout:pm-1:A1',
      recipients: ['user:default/ada'],
      topic: 'reliability-corrective-action-overdue',
      title: 'Corrective action "Canary deploys" is 23 days overdue',
      description:
        'From the postmortem "Checkout outage" of component:default/checkout, due 2026-04-10, ticket OPS-1, owner user:default/ada.',
      link: '/catalog/default/component/checkout/reliability',
      severity: 'high',
    });
    expect(
      stalledActionNotificationOf(action({ owner: 'Ada L.' }), TEAM).recipients,
    ).toEqual([TEAM]);
    expect(
      stalledActionNotificationOf(
        action({ owner: undefined, ticket: undefined, overdueDays: 1 }),
        undefined,
      ),
    ).toMatchObject({
      recipients: [],
      title: 'Corrective action "Canary deploys" is 1 day overdue',
      description:
        'From the postmortem "Checkout outage" of component:default/checkout, due 2026-04-10, no ticket.',
    });
  });
});

describe.each(databases.eachSupportedId())(
  'stalled-action escalation on %s',
  id => {
    const setup = async () => {
      const knex = await databases.init(id);
      await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      const send = jest.fn<
        ReturnType<NotificationService['send']>,
        Parameters<NotificationService['send']>
      >(async () => {});
      const logger = mockServices.logger.mock();
      // two replicas: two notifiers sharing the notification log
      const replica = () =>
        new StalledActionNotifications({
          notifier: new ReliabilityNotifier({
            notifications: { send },
            store: new DatabaseNotificationLog(knex),
            repeatAfterMs: 24 * HOUR,
            logger,
          }),
          ownersOf: async () => new Map([[CHECKOUT, TEAM]]),
          logger,
        });
      return { send, logger, a: replica(), b: replica() };
    };

    it('notifies each stalled action once per repeat period, across replicas', async () => {
      const { send, a, b } = await setup();
      const actions = [action(), action({ id: 'A2', owner: 'Ada L.' })];
      const first = await Promise.all([
        a.stalled(actions, at(0)),
        b.stalled(actions, at(0)),
      ]);
      expect(first[0] + first[1]).toBe(2);
      expect(send.mock.calls.map(c => c[0].recipients)).toEqual(
        expect.arrayContaining([
          { type: 'entity', entityRef: ['user:default/ada'] },
          { type: 'entity', entityRef: [TEAM] },
        ]),
      );
      expect(send).toHaveBeenCalledTimes(2);
      expect(await a.stalled(actions, at(23))).toBe(0);
      expect(send).toHaveBeenCalledTimes(2);
      expect(await b.stalled(actions, at(24))).toBe(2);
      expect(send).toHaveBeenCalledTimes(4);
      expect(send.mock.calls[3][0].payload).toMatchObject({
        topic: 'reliability-corrective-action-overdue',
        scope: 'corrective-action-overdue:component:default/checkout:pm-1:A2',
      });
    });

    it('tries again next run when sending failed', async () => {
      const { send, logger, a } = await setup();
      send.mockRejectedValueOnce(new Error('notifications backend down'));
      expect(await a.stalled([action()], at(0))).toBe(0);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('notifications backend down'),
      );
      expect(await a.stalled([action()], at(1))).toBe(1);
    });
  },
);

describe('StalledActionNotifications without a notification service', () => {
  it('logs a line per action and sends nothing', async () => {
    const logger = mockServices.logger.mock();
    const ownersOf = jest.fn(async () => new Map());
    const escalation = new StalledActionNotifications({ ownersOf, logger });
    expect(await escalation.stalled([action()], at(0))).toBe(0);
    expect(logger.info).toHaveBeenCalledWith(
      'Stalled corrective action A1 of component:default/checkout not escalated: no notification service',
    );
    expect(ownersOf).not.toHaveBeenCalled();
  });
});
