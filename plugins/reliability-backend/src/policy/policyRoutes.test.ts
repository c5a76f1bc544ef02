import {
  TestDatabases,
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { UserInfoService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  reliabilityPolicyExceptPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseReadinessAuditLog } from '../readiness/DatabaseReadinessAuditLog';
import { fixedClock } from '../lib/Clock';
import { createEntityResolver } from '../service/request';
import { DatabasePolicyStore } from './DatabasePolicyStore';
import { PolicyEvaluator } from './PolicyEvaluator';
import { addPolicyRoutes } from './policyRoutes';
import { readPolicyConfig } from './readPolicyConfig';
import { CHECKOUT, OK_EXHAUSTED } from './__testUtils__/policyFixtures';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const NOW = '2026-03-10T12:00:00.000Z';
const REF = 'component:default/checkout';
const BASE = '/entities/component/default/checkout/policy';

/** Users and their groups. */
const GROUPS: Record<string, string[]> = {
  'user:default/owner': ['group:default/team-a'],
  'user:default/sre-lead': ['group:default/sre'],
  'user:default/dev': ['group:default/team-b'],
};
const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
    };
  },
};

/** The example policy's rule: exceptions for the sre group only. */
const permissions = mockServices.permissions.mock({
  authorize: async (requests, { credentials }) =>
    requests.map(r => {
      const ref = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      const except = isPermission(
        r.permission,
        reliabilityPolicyExceptPermission,
      );
      return {
        result:
          !except ||
          ref === 'user:default/sre-lead' ||
          ref === 'user:default/owner'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }),
});

const POLICY = { default: OK_EXHAUSTED };

async function setup(policy: object = {}) {
  const knex = await databases.init('SQLITE_3');
  await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };
  const config = readPolicyConfig(
    new ConfigReader({ reliability: { policy: { ...POLICY, ...policy } } }),
    tierModel,
  )!;
  const store = new DatabasePolicyStore(knex);
  const logger = mockServices.logger.mock();
  const evaluator = new PolicyEvaluator({ config, store, tierModel, logger });
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.none(),
  });
  const catalog = catalogServiceMock({ entities: [CHECKOUT] });
  const router = Router();
  router.use(express.json());
  addPolicyRoutes(router, {
    httpAuth,
    permissions,
    userInfo,
    evaluator,
    store,
    entity: createEntityResolver({ httpAuth, permissions, catalog }),
    clock: fixedClock(NOW),
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, store, evaluator, audit: new DatabaseReadinessAuditLog(knex) };
}

const as = (user: string) => mockCredentials.user.header(user);
const exception = {
  kind: 'dependency-outage',
  reason: 'The payment provider was down',
  expiresAt: '2026-03-12T12:00:00.000Z',
};

describe('policy routes', () => {
  it('the gate answers users and services; deploys stop when exhausted', async () => {
    const { app, evaluator } = await setup();
    await evaluator.sloRefreshed(
      CHECKOUT,
      REF,
      [
        {
          id: 'availability',
          name: 'availability',
          budgetRemaining: -0.2,
          burnRates: [],
          stale: false,
        },
      ],
      new Date(NOW),
    );
    for (const header of [
      mockCredentials.service.header(),
      as('user:default/dev'),
    ]) {
      const res = await request(app)
        .get('/gate/component/default/checkout')
        .set('Authorization', header);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: REF,
        deployAllowed: false,
        state: 'exhausted',
        reasons: [
          `state "exhausted" does not allow deploys since ${NOW}`,
          'SLO "availability": budget remaining -20% is below 0%',
        ],
        exceptions: [],
        computedAt: NOW,
        stale: false,
      });
    }
  });

  it('an unknown entity is a 404 at the gate', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get('/gate/component/default/nope')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(404);
  });

  it.each([
    [
      'a user without reliability.policy.except',
      'user:default/dev',
      {},
      'reliability.policy.except',
    ],
    [
      'an owner, even with the permission',
      'user:default/owner',
      {},
      'cannot approve its exceptions themselves',
    ],
  ])(
    'refuses an exception to %s (403)',
    async (_name, user, policy, message) => {
      const { app, store } = await setup(policy);
      const res = await request(app)
        .post(`${BASE}/exceptions`)
        .set('Authorization', as(user))
        .send(exception);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(message);
      expect(await store.listExceptions(REF)).toEqual([]);
    },
  );

  it('lets owners grant their own when exceptions.allowOwners is true', async () => {
    const { app } = await setup({ exceptions: { allowOwners: true } });
    const res = await request(app)
      .post(`${BASE}/exceptions`)
      .set('Authorization', as('user:default/owner'))
      .send(exception);
    expect(res.status).toBe(201);
  });

  it('refuses service credentials an exception (403)', async () => {
    const { app } = await setup();
    const res = await request(app)
      .post(`${BASE}/exceptions`)
      .set('Authorization', mockCredentials.service.header())
      .send(exception);
    expect(res.status).toBe(403);
  });

  it.each([
    [{ ...exception, kind: 'whim' }, '"kind" must be one of'],
    [
      { ...exception, expiresAt: '2026-03-01T00:00:00Z' },
      'must be in the future',
    ],
    [
      { ...exception, expiresAt: '2026-05-01T00:00:00Z' },
      'at most 14 days ahead',
    ],
    [{ ...exception, reason: 'x' }, 'must say why'],
  ])('rejects an invalid exception %# (400)', async (body, message) => {
    const { app } = await setup();
    const res = await request(app)
      .post(`${BASE}/exceptions`)
      .set('Authorization', as('user:default/sre-lead'))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('grants, shows and revokes an exception, with audit entries; the gate opens while it holds', async () => {
    const { app, evaluator, audit } = await setup();
    await evaluator.sloRefreshed(
      CHECKOUT,
      REF,
      [
        {
          id: 'a',
          name: 'a',
          budgetRemaining: -1,
          burnRates: [],
          stale: false,
        },
      ],
      new Date(NOW),
    );
    const created = await request(app)
      .post(`${BASE}/exceptions`)
      .set('Authorization', as('user:default/sre-lead'))
      .send(exception);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      entityRef: REF,
      kind: 'dependency-outage',
      createdBy: 'user:default/sre-lead',
      createdAt: NOW,
      expiresAt: exception.expiresAt,
    });

    const gate = await request(app)
      .get('/gate/component/default/checkout')
      .set('Authorization', mockCredentials.service.header());
    expect(gate.body).toMatchObject({
      deployAllowed: true,
      state: 'exhausted',
      exceptions: [{ id: created.body.id }],
    });

    const view = await request(app)
      .get(BASE)
      .set('Authorization', as('user:default/dev'));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      policy: { state: 'exhausted', level: 1, deploysAllowed: false },
      exceptions: [{ id: created.body.id }],
      history: [{ from: null, to: 'exhausted' }],
      exceptionKinds: ['dependency-outage', 'security-fix', 'p0-fix'],
      exceptionMaxDays: 14,
    });

    const revoked = await request(app)
      .post(`${BASE}/exceptions/${created.body.id}/revoke`)
      .set('Authorization', as('user:default/sre-lead'))
      .send({});
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revokedBy: 'user:default/sre-lead' });
    const again = await request(app)
      .post(`${BASE}/exceptions/${created.body.id}/revoke`)
      .set('Authorization', as('user:default/sre-lead'))
      .send({});
    expect(again.status).toBe(404);

    const closed = await request(app)
      .get('/gate/component/default/checkout')
      .set('Authorization', mockCredentials.service.header());
    expect(closed.body).toMatchObject({ deployAllowed: false, exceptions: [] });

    expect((await audit.listAudit(REF)).map(e => [e.action, e.actor])).toEqual([
      ['policy.revoke', 'user:default/sre-lead'],
      ['policy.except', 'user:default/sre-lead'],
      ['policy.transition', 'reliability-kit:policy'],
    ]);
  });
});
