import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  HARDENING_NOW as NOW,
  TEAM_A,
  createHardeningStores,
  hardeningChecks as checks,
  hardeningEntities,
} from '../__testUtils__/hardeningApp';
import { Clock } from '../lib/Clock';
import { ReadinessEvaluator } from '../readiness/ReadinessEvaluator';
import { DatabaseNotificationLog } from './DatabaseNotificationLog';
import { ReadinessNotifications } from './ReadinessNotifications';
import {
  RELIABILITY_NOTIFICATION_TOPICS,
  ReliabilityNotifier,
} from './ReliabilityNotifier';

/*
 * The readiness evaluator's call site of the notifications, with the real
 * stores, notifier and notification log: only Backstage's notification
 * service is a mock, recording what reaches the owner. checkout (tier-1,
 * team-a) reaches bronze of the golden path with an owner and a passing
 * CI template check pushed from CI.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const CHECKOUT = hardeningEntities[0];
const REF = stringifyEntityRef(CHECKOUT);

async function setup() {
  const { knex, store, readinessStore } = await createHardeningStores(
    databases,
    'SQLITE_3',
  );
  // Attested 170 days ago, valid for 180: it expires in 10 days.
  const attestedAt = new Date(NOW.getTime() - 170 * DAY_MS).toISOString();
  await readinessStore.createRecord(
    {
      id: '5d7c2a4e-9b1f-4c3e-8a6d-2f0e1b3c4d5e',
      entityRef: REF,
      type: 'attestation',
      target: { kind: 'readiness', itemId: 'backup-restore' },
      createdBy: 'user:default/ada',
      createdAt: attestedAt,
      reason: 'Restored last quarter',
      evidenceUrl: 'https://wiki.example.com/restore',
      expiresAt: new Date(NOW.getTime() + 10 * DAY_MS).toISOString(),
    },
    {
      at: attestedAt,
      actor: 'user:default/ada',
      action: 'attest',
      entityRef: REF,
      target: 'readiness:backup-restore',
      details: {},
    },
  );
  const catalog = catalogServiceMock({ entities: [CHECKOUT] });
  const send = jest.fn<
    ReturnType<NotificationService['send']>,
    Parameters<NotificationService['send']>
  >(async () => {});
  const logger = mockServices.logger.mock();
  let now = NOW;
  const clock: Clock = { now: () => now };
  const notifications = new ReadinessNotifications({
    notifier: new ReliabilityNotifier({
      notifications: { send },
      store: new DatabaseNotificationLog(knex),
      repeatAfterMs: DAY_MS,
      logger,
    }),
    checks,
    expiringDays: 14,
    logger,
  });
  const evaluator = new ReadinessEvaluator({
    catalog,
    auth: mockServices.auth(),
    store,
    readinessStore,
    config: checks,
    tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
    notifications,
    logger,
    clock,
  });
  /** What CI pushes for the CI template check of checkout. */
  const ciPushes = (passed: boolean) => {
    const pushedAt = now.toISOString();
    return readinessStore.upsertPushedResults(
      [
        {
          entityRef: REF,
          scorecardId: 'golden-path',
          checkId: 'ci-template',
          passed,
          pushedBy: 'service:ci',
          pushedAt,
        },
      ],
      [
        {
          at: pushedAt,
          actor: 'service:ci',
          action: 'push',
          entityRef: REF,
          target: 'scorecard:golden-path/ci-template',
          details: { passed },
        },
      ],
    );
  };
  /** Runs the scheduled evaluation `hours` later; what it sent. */
  const evaluateAfter = async (hours: number) => {
    now = new Date(now.getTime() + hours * HOUR_MS);
    send.mockClear();
    await evaluator.run();
    return send.mock.calls.map(([request]) => ({
      recipients: request.recipients,
      topic: request.payload.topic,
      title: request.payload.title,
    }));
  };
  return { evaluateAfter, ciPushes };
}

const TO_OWNER = { type: 'entity', entityRef: [TEAM_A] };

describe('readiness evaluation → notifications', () => {
  it('notifies an expiring attestation and a lost scorecard level once each', async () => {
    const { evaluateAfter, ciPushes } = await setup();

    // First evaluation: bronze reached (nothing to lose yet); the
    // attestation expires in 10 days.
    await ciPushes(true);
    expect(await evaluateAfter(0)).toEqual([
      {
        recipients: TO_OWNER,
        topic: RELIABILITY_NOTIFICATION_TOPICS.readinessExpiring,
        title: 'checkout: "Restore tested" expires in 10 days',
      },
    ]);
    // The same evaluation an hour later sends nothing again.
    expect(await evaluateAfter(1)).toEqual([]);

    // CI reports the template check failing: bronze is lost, told once.
    await ciPushes(false);
    expect(await evaluateAfter(1)).toEqual([
      {
        recipients: TO_OWNER,
        topic: RELIABILITY_NOTIFICATION_TOPICS.scorecardLevelLost,
        title: 'checkout: Golden path level bronze lost',
      },
    ]);
    expect(await evaluateAfter(1)).toEqual([]);
  });
});
