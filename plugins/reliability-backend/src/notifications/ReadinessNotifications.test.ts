import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { Clock } from '../lib/Clock';
import { DatabaseReadinessStore } from '../readiness/DatabaseReadinessStore';
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
 * service is a mock, recording what reaches the owner.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const NOW = new Date('2026-11-26T10:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const REF = 'component:default/checkout';
const TEAM_A = 'group:default/team-a';

const checkout = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'reliability-kit.io/tier': 'tier-1', ...annotations },
  },
  spec: { type: 'service', owner: TEAM_A, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: TEAM_A }],
});
const WITH_DOCS = checkout({ 'backstage.io/techdocs-ref': 'dir:.' });
const WITHOUT_DOCS = checkout({});

const checks = parseChecksConfig(
  {
    checks: [
      {
        id: 'techdocs',
        title: 'TechDocs',
        rule: { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
      },
    ],
    readiness: {
      items: [
        {
          id: 'backup-restore',
          title: 'Restore tested',
          kind: 'attested',
          validityDays: 180,
          tiers: ['tier-1'],
        },
      ],
    },
    scorecards: [
      {
        id: 'golden-path',
        title: 'Golden path',
        levels: [
          {
            id: 'bronze',
            title: 'Bronze',
            checks: [{ check: 'techdocs' }],
          },
        ],
      },
    ],
  },
  { tiers: DEFAULT_TIERS },
);

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const readinessStore = await DatabaseReadinessStore.create({ database });
  await store.replaceEntityIndex(
    [
      {
        entityRef: REF,
        kind: 'component',
        namespace: 'default',
        name: 'checkout',
        ownerRef: TEAM_A,
        tier: 'tier-1',
        tierStatus: 'ok' as const,
      },
    ],
    NOW.toISOString(),
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
  const catalog = catalogServiceMock({ entities: [WITH_DOCS] });
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
      repeatAfterMs: 0,
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
  /** The catalog entry of checkout from now on. */
  const catalogHas = (entity: Entity) =>
    jest
      .spyOn(catalog, 'getEntitiesByRefs')
      .mockResolvedValue({ items: [entity] });
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
  return { evaluateAfter, catalogHas };
}

const TO_OWNER = { type: 'entity', entityRef: [TEAM_A] };

describe('readiness evaluation → notifications', () => {
  it('notifies an expiring attestation and a lost scorecard level once each', async () => {
    const { evaluateAfter, catalogHas } = await setup();

    // First evaluation: bronze reached (nothing to lose yet); the
    // attestation expires in 10 days.
    expect(await evaluateAfter(0)).toEqual([
      {
        recipients: TO_OWNER,
        topic: RELIABILITY_NOTIFICATION_TOPICS.readinessExpiring,
        title: 'checkout: "Restore tested" expires in 10 days',
      },
    ]);
    // The same evaluation an hour later sends nothing again.
    expect(await evaluateAfter(1)).toEqual([]);

    // The TechDocs annotation is removed: bronze is lost, told once.
    catalogHas(WITHOUT_DOCS);
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
