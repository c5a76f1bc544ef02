import {
  TestDatabases,
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { fixedClock } from '../lib/Clock';
import { DatabaseNotificationLog } from '../notifications/DatabaseNotificationLog';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import { DatabasePolicyStore } from '../policy/DatabasePolicyStore';
import { PolicyEvaluator } from '../policy/PolicyEvaluator';
import { readPolicyConfig } from '../policy/readPolicyConfig';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../providers/prometheus';
import { PrometheusSloMetricsProvider } from '../slo/PrometheusSloMetricsProvider';
import { SloCollector } from '../slo/SloCollector';
import { SloSpecReader } from '../slo/SloSpecReader';
import { getPrometheusUrl, loadPrometheusFixtures } from './prometheusFixtures';
import { slothSpec } from './sloSpecFixtures';

// The error-budget policy end to end: the SLO collector against the real
// Prometheus of scripts/prometheus.sh, the policy evaluated after each
// refresh, and the notification sent through Backstage's real
// notifications backend (in a test backend) to the owner's group.

const fixtures = loadPrometheusFixtures();
const url = getPrometheusUrl();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const POLICY = {
  default: {
    states: [
      { id: 'ok', deploysAllowed: true },
      {
        id: 'warning',
        deploysAllowed: true,
        enter: [{ budgetRemainingBelow: 0.25 }],
        exit: { budgetRemainingAbove: 0.3, for: { hours: 1 } },
      },
      {
        id: 'exhausted',
        deploysAllowed: false,
        allowedChanges: ['P0 fixes', 'security fixes'],
        enter: [{ budgetRemainingBelow: 0 }],
        exit: { budgetRemainingAbove: 0.1, for: { days: 1 } },
      },
    ],
  },
};

if (!fixtures || !url) {
  it('runs only with the fixture Prometheus', () => {
    expect(process.env.RELIABILITY_REQUIRE_PROMETHEUS).not.toBe('1');
  });
} else {
  const mockDir = createMockDirectory();
  mockDir.setContent({ 'identity-slos.yaml': slothSpec('identity') });

  const identity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'identity',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${mockDir.resolve(
          'catalog-info.yaml',
        )}`,
        'reliability-kit.io/tier': 'tier-1',
        'reliability-kit.io/slo-spec': './identity-slos.yaml',
      },
    },
    spec: { type: 'service', owner: 'team-identity', lifecycle: 'production' },
  };
  const group: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-identity', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/grace' }],
  };
  const user = (name: string, team: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [team] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
  });
  const catalogEntities = [
    identity,
    group,
    user('grace', 'team-identity'),
    user('ada', 'team-payments'),
  ];

  describe(`error-budget policy against the fixture Prometheus (${fixtures.endIso})`, () => {
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let sender: NotificationService | undefined;

    beforeAll(async () => {
      // A module of the test backend that hands out the notification
      // service as plugins get it (it posts to the notifications backend).
      const capture = createBackendPlugin({
        pluginId: 'reliability',
        register(env) {
          env.registerInit({
            deps: { notifications: notificationService },
            async init({ notifications }) {
              sender = notifications;
            },
          });
        },
      });
      backend = await startTestBackend({
        features: [
          notificationsPlugin,
          capture,
          catalogServiceMock.factory({ entities: catalogEntities }),
          mockServices.rootConfig.factory({
            data: { app: { baseUrl: 'http://localhost:3000' } },
          }),
        ],
      });
    }, 60_000);

    afterAll(async () => {
      await backend?.stop();
    });

    const inbox = async (userRef: string) => {
      const res = await request(backend.server)
        .get('/api/notifications/notifications')
        .set('Authorization', mockCredentials.user.header(userRef));
      expect(res.status).toBe(200);
      return res.body.notifications as Array<{
        payload: { title: string; topic?: string; link?: string };
      }>;
    };

    it('moves identity to exhausted on the refresh after its outage, closes the gate and notifies its owners once', async () => {
      const knex = await databases.init('SQLITE_3');
      const store = await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      const logger = mockServices.logger.mock();
      const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };
      const config = readPolicyConfig(
        new ConfigReader({ reliability: { policy: POLICY } }),
        tierModel,
      )!;
      const policyStore = new DatabasePolicyStore(knex);
      const evaluator = new PolicyEvaluator({
        config,
        store: policyStore,
        tierModel,
        notifier: new ReliabilityNotifier({
          notifications: sender,
          store: new DatabaseNotificationLog(knex),
          repeatAfterMs: 24 * 3_600_000,
          logger,
        }),
        logger,
      });
      const [instance] = readPrometheusInstances(
        new ConfigReader({
          reliability: {
            prometheus: { instances: [{ name: 'fixtures', baseUrl: url }] },
          },
        }),
      );
      const provider = new PrometheusSloMetricsProvider([
        PrometheusClient.fromConfig(instance, { logger }),
      ]);
      const refresh = (at: Date) =>
        new SloCollector({
          clock: fixedClock(at),
          catalog: catalogServiceMock({ entities: [identity] }),
          auth: mockServices.auth(),
          store,
          policy: evaluator,
          logger,
          specReader: new SloSpecReader({
            urlReader: mockServices.urlReader.mock(),
          }),
          provider,
          instances: { names: ['fixtures'] },
          tierModel,
        }).run(at);
      const ref = 'component:default/identity';
      const beforeOutage = new Date(
        fixtures.services.identity.outage.start * 1000,
      );
      const end = new Date(fixtures.end * 1000);

      // Before the outage the budget is intact: ok, deploys allowed.
      await refresh(beforeOutage);
      expect(await policyStore.getState(ref)).toMatchObject({ state: 'ok' });
      expect(
        (await evaluator.gate(identity, ref, beforeOutage)).deployAllowed,
      ).toBe(true);
      expect(await inbox('user:default/grace')).toEqual([]);

      // The outage burns the budget: the next refresh exhausts it.
      await refresh(end);
      const state = await policyStore.getState(ref);
      expect(state).toMatchObject({ state: 'exhausted', stale: false });
      expect(state!.reasons[0]).toMatch(
        /^SLO "availability": budget remaining -\d+(\.\d+)?% is below 0%$/,
      );
      const gate = await evaluator.gate(identity, ref, end);
      expect(gate).toMatchObject({
        deployAllowed: false,
        state: 'exhausted',
        stale: false,
        exceptions: [],
        computedAt: end.toISOString(),
      });
      expect(await policyStore.listTransitions(ref)).toMatchObject([
        { from: 'ok', to: 'exhausted' },
        { from: null, to: 'ok' },
      ]);

      // One notification, to the owner group's member, not to others.
      const received = await inbox('user:default/grace');
      expect(received).toHaveLength(1);
      expect(received[0].payload).toMatchObject({
        title: 'identity: error-budget policy ok → exhausted',
        topic: 'reliability-policy-state',
        link: '/catalog/default/component/identity/reliability',
      });
      expect(await inbox('user:default/ada')).toEqual([]);

      // A second refresh: still exhausted, no duplicate.
      await refresh(new Date(end.getTime() + 60_000));
      expect(await policyStore.getState(ref)).toMatchObject({
        state: 'exhausted',
      });
      expect(await inbox('user:default/grace')).toHaveLength(1);
    }, 120_000);
  });
}
