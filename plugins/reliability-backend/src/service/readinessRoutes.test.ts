import {
  TestDatabases,
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  EntityReadiness,
  ReadinessRecord,
  ScorecardResult,
  parseChecksConfig,
  reliabilityEntityReadPermission,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessExemptPermission,
  reliabilityScorecardPushPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseReadinessStore } from '../readiness/DatabaseReadinessStore';
import { ReadinessEvaluator } from '../readiness/ReadinessEvaluator';
import { createRouter } from './createRouter';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
/** A script URL, which must never be stored as a link. */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');
const NOW = new Date('2026-11-26T10:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const ADA = 'user:default/ada'; // in team-a
const BOB = 'user:default/bob'; // in team-b
const ROOT = 'user:default/root'; // an admin
const CLAIMS: Record<string, string[]> = {
  [ADA]: [ADA, TEAM_A],
  [BOB]: [BOB, TEAM_B],
  [ROOT]: [ROOT],
};

const component = (
  name: string,
  owner: string,
  over: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'reliability-kit.io/tier': 'tier-1' },
    ...over,
  },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const entities = [
  component('checkout', TEAM_A, {
    annotations: {
      'reliability-kit.io/tier': 'tier-1',
      'backstage.io/techdocs-ref': 'dir:.',
    },
  }),
  component('payments', TEAM_B),
];
const ref = (name: string) => `component:default/${name}`;

const checksConfig = parseChecksConfig(
  {
    checks: [
      {
        id: 'has-owner',
        title: 'Has an owner',
        rule: { fact: 'relation:ownedBy', exists: true },
      },
      {
        id: 'techdocs',
        title: 'TechDocs',
        rule: { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
      },
      { id: 'ci-template', title: 'CI template', pushed: true },
    ],
    readiness: {
      items: [
        {
          id: 'owner',
          title: 'Owner',
          kind: 'automatic',
          check: 'has-owner',
          tiers: ['tier-1'],
        },
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
            checks: [{ check: 'has-owner' }, { check: 'techdocs' }],
          },
          { id: 'gold', title: 'Gold', checks: [{ check: 'ci-template' }] },
        ],
      },
    ],
  },
  { tiers: DEFAULT_TIERS },
);

/**
 * The example policy's shape: entity reads allowed; attest and exempt for
 * the entity's owners (IS_ENTITY_OWNER, applied as the catalog applies it)
 * and for admins; pushes for services only.
 */
const policy =
  (read: PolicyDecision = { result: AuthorizeResult.ALLOW }) =>
  (permission: Permission, user?: string, resourceRef?: string) => {
    if (permission.name === reliabilityEntityReadPermission.name) {
      if (read.result !== AuthorizeResult.CONDITIONAL || !resourceRef) {
        return read.result;
      }
      const entity = entities.find(e => stringifyEntityRef(e) === resourceRef);
      const owner = entity?.relations?.[0]?.targetRef ?? '';
      return CLAIMS[ADA].includes(owner)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    }
    if (permission.name === reliabilityScorecardPushPermission.name) {
      return user ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
    }
    if (user === ROOT) return AuthorizeResult.ALLOW;
    const entity = entities.find(e => stringifyEntityRef(e) === resourceRef);
    const owner = entity?.relations?.[0]?.targetRef ?? '';
    return user && CLAIMS[user]?.includes(owner)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  };

const userOf = (principal: unknown) => {
  const p = principal as { type: string; userEntityRef?: string };
  return p.type === 'user' ? p.userEntityRef : undefined;
};

const permissionsFor = (decide = policy()) =>
  mockServices.permissions.mock({
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => {
        const user = userOf(credentials.principal);
        const result = decide(r.permission, user);
        if (result !== AuthorizeResult.CONDITIONAL) return { result };
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: CLAIMS[ADA] },
          },
        };
      }),
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const user = userOf(credentials.principal);
        return {
          result: decide(
            r.permission,
            user,
            'resourceRef' in r ? r.resourceRef : undefined,
          ) as AuthorizeResult.ALLOW | AuthorizeResult.DENY,
        };
      }),
  });

async function setup(
  options: { permissions?: ReturnType<typeof permissionsFor> } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const readinessStore = await DatabaseReadinessStore.create({ database });
  await store.replaceEntityIndex(
    entities.map(e => ({
      entityRef: stringifyEntityRef(e),
      kind: 'component',
      namespace: 'default',
      name: e.metadata.name,
      ownerRef: e.relations![0].targetRef,
      tier: 'tier-1',
      tierStatus: 'ok' as const,
    })),
    NOW.toISOString(),
  );
  const catalog = catalogServiceMock({ entities });
  const tierModel = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };
  const evaluator = new ReadinessEvaluator({
    catalog,
    auth: mockServices.auth(),
    store,
    readinessStore,
    config: checksConfig,
    tierModel,
    logger: mockServices.logger.mock(),
    now: () => NOW,
  });
  await evaluator.run();
  const permissions = options.permissions ?? permissionsFor();
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    catalog,
    store,
    tierModel,
    permissions,
    hoursOf: () => ({} as never),
    readinessStore,
    evaluator,
    now: () => NOW,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, store, readinessStore, permissions, evaluator };
}

const as = (user: string) => mockCredentials.user.header(user);
const service = () => mockCredentials.service.header();
const base = (name: string) => `/entities/component/default/${name}`;
const ATTESTATION = {
  evidenceUrl: 'https://wiki.example.com/restore-drill',
  comment: 'Restored the 2026-11-20 snapshot into staging',
};

async function readinessOf(app: express.Express, name: string, user = ADA) {
  const res = await request(app).get(base(name)).set('Authorization', as(user));
  expect(res.status).toBe(200);
  return res.body.sections.readiness.items[0] as EntityReadiness;
}

const itemState = (readiness: EntityReadiness, id: string) =>
  readiness.items.find(i => i.id === id)?.state;

describe('readiness routes', () => {
  it('serves the evaluated readiness and scorecards in the entity endpoint', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get(base('checkout'))
      .set('Authorization', as(ADA));
    expect(res.status).toBe(200);
    const readiness = res.body.sections.readiness.items[0] as EntityReadiness;
    expect(readiness.status).toBe('not-ready');
    expect(readiness.missing).toEqual(['backup-restore']);
    const [golden] = res.body.sections.scorecards.items as ScorecardResult[];
    expect(golden).toMatchObject({
      scorecardId: 'golden-path',
      level: 'bronze',
      nextLevel: 'gold',
      missingForNextLevel: ['ci-template'],
    });
  });

  it('lets an owner attest, stores who, when, why and the evidence, audits it and re-evaluates at once', async () => {
    const { app, readinessStore } = await setup();
    const res = await request(app)
      .post(`${base('checkout')}/readiness/backup-restore/attestations`)
      .set('Authorization', as(ADA))
      .send(ATTESTATION);
    expect(res.status).toBe(201);
    const record = res.body as ReadinessRecord;
    expect(record).toMatchObject({
      entityRef: ref('checkout'),
      type: 'attestation',
      target: { kind: 'readiness', itemId: 'backup-restore' },
      createdBy: ADA,
      createdAt: NOW.toISOString(),
      reason: ATTESTATION.comment,
      evidenceUrl: ATTESTATION.evidenceUrl,
      expiresAt: new Date(NOW.getTime() + 180 * DAY_MS).toISOString(),
    });
    const readiness = await readinessOf(app, 'checkout');
    expect(readiness.status).toBe('ready');
    expect(itemState(readiness, 'backup-restore')).toBe('attested');
    const audit = await readinessStore.listAudit(ref('checkout'));
    expect(audit).toEqual([
      expect.objectContaining({
        actor: ADA,
        action: 'attest',
        target: 'readiness:backup-restore',
        details: expect.objectContaining({ id: record.id }),
      }),
    ]);
  });

  it('denies an attestation by a non-owner with 403 and stores nothing', async () => {
    const { app, readinessStore } = await setup();
    const res = await request(app)
      .post(`${base('checkout')}/readiness/backup-restore/attestations`)
      .set('Authorization', as(BOB))
      .send(ATTESTATION);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Only the owners of component:default/checkout or an administrator can attest its readiness items',
    });
    expect(await readinessStore.listRecords(ref('checkout'))).toEqual([]);
    expect(await readinessStore.listAudit(ref('checkout'))).toEqual([]);
    expect(
      itemState(await readinessOf(app, 'checkout'), 'backup-restore'),
    ).toBe('missing');
  });

  it('asks the policy for reliability.readiness.attest on the entity, and lets an admin attest', async () => {
    const { app, permissions } = await setup();
    const res = await request(app)
      .post(`${base('payments')}/readiness/backup-restore/attestations`)
      .set('Authorization', as(ROOT))
      .send(ATTESTATION);
    expect(res.status).toBe(201);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: reliabilityReadinessAttestPermission,
          resourceRef: ref('payments'),
        },
      ],
      { credentials: mockCredentials.user(ROOT) },
    );
    expect(
      itemState(await readinessOf(app, 'payments', ROOT), 'backup-restore'),
    ).toBe('attested');
  });

  it('does not let services attest (a person confirms)', async () => {
    const { app } = await setup();
    const res = await request(app)
      .post(`${base('checkout')}/readiness/backup-restore/attestations`)
      .set('Authorization', service())
      .send(ATTESTATION);
    expect(res.status).toBe(403);
  });

  it.each<[string, string, unknown, number, string]>([
    [
      'an unknown item',
      'no-such-item',
      ATTESTATION,
      404,
      'No readiness item "no-such-item" is configured',
    ],
    [
      'an automatic item',
      'owner',
      ATTESTATION,
      400,
      'Readiness item "owner" is checked automatically',
    ],
    [
      'no evidence',
      'backup-restore',
      { comment: 'x' },
      400,
      'Invalid attestation: "evidenceUrl" Required',
    ],
    [
      'a javascript: evidence URL',
      'backup-restore',
      { evidenceUrl: SCRIPT_URL },
      400,
      'Invalid attestation: "evidenceUrl"',
    ],
    [
      'an evidence URL that is not a URL',
      'backup-restore',
      { evidenceUrl: 'restore done' },
      400,
      'Invalid attestation: "evidenceUrl"',
    ],
    [
      'an unknown field',
      'backup-restore',
      { ...ATTESTATION, by: ROOT },
      400,
      'Invalid attestation: unknown field "by"',
    ],
    [
      'an expiry in the past',
      'backup-restore',
      { ...ATTESTATION, expiresAt: '2026-11-01' },
      400,
      '"expiresAt" must be in the future',
    ],
    [
      'an expiry beyond the validity',
      'backup-restore',
      { ...ATTESTATION, expiresAt: '2027-11-01' },
      400,
      "within the item's validity of 180 days",
    ],
    [
      'an expiry that is not a date',
      'backup-restore',
      { ...ATTESTATION, expiresAt: '2027-02-30' },
      400,
      'Invalid attestation: "expiresAt" must be an ISO 8601 time',
    ],
  ])(
    'rejects an attestation with %s',
    async (_name, item, body, status, message) => {
      const { app, readinessStore } = await setup();
      const res = await request(app)
        .post(`${base('checkout')}/readiness/${item}/attestations`)
        .set('Authorization', as(ADA))
        .send(body as object);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toContain(message);
      expect(await readinessStore.listAudit(ref('checkout'))).toEqual([]);
    },
  );

  it('exempts with a reason and an expiry; the entity becomes exempt', async () => {
    const { app } = await setup();
    const res = await request(app)
      .post(`${base('checkout')}/readiness/backup-restore/exemptions`)
      .set('Authorization', as(ADA))
      .send({ reason: 'Stateless service', expiresAt: '2027-03-01' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'exemption',
      reason: 'Stateless service',
      expiresAt: '2027-03-01T00:00:00.000Z',
    });
    const readiness = await readinessOf(app, 'checkout');
    expect(readiness.status).toBe('exempt');
    expect(itemState(readiness, 'backup-restore')).toBe('exempt');
  });

  it.each<[string, unknown, string]>([
    ['no reason', { expiresAt: '2027-03-01' }, '"reason" Required'],
    [
      'a blank reason',
      { reason: '  ', expiresAt: '2027-03-01' },
      '"reason" must say why',
    ],
    ['no expiry', { reason: 'Stateless service' }, '"expiresAt" Required'],
    [
      'an expiry over a year ahead',
      { reason: 'Stateless', expiresAt: '2028-01-01' },
      'at most 366 days ahead',
    ],
  ])('rejects an exemption with %s', async (_name, body, message) => {
    const { app } = await setup();
    const res = await request(app)
      .post(`${base('checkout')}/readiness/backup-restore/exemptions`)
      .set('Authorization', as(ADA))
      .send(body as object);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('denies exemptions to non-owners, asking for reliability.readiness.exempt', async () => {
    const { app, permissions } = await setup();
    const res = await request(app)
      .post(`${base('checkout')}/readiness/backup-restore/exemptions`)
      .set('Authorization', as(BOB))
      .send({ reason: 'Stateless service', expiresAt: '2027-03-01' });
    expect(res.status).toBe(403);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: reliabilityReadinessExemptPermission,
          resourceRef: ref('checkout'),
        },
      ],
      { credentials: mockCredentials.user(BOB) },
    );
  });

  it('revokes once; the item is missing again; a second revocation is a conflict', async () => {
    const { app, readinessStore } = await setup();
    const record = (
      await request(app)
        .post(`${base('checkout')}/readiness/backup-restore/attestations`)
        .set('Authorization', as(ADA))
        .send(ATTESTATION)
    ).body as ReadinessRecord;
    const denied = await request(app)
      .post(`${base('checkout')}/readiness-records/${record.id}/revoke`)
      .set('Authorization', as(BOB))
      .send({ reason: 'not mine' });
    expect(denied.status).toBe(403);

    const revoked = await request(app)
      .post(`${base('checkout')}/readiness-records/${record.id}/revoke`)
      .set('Authorization', as(ADA))
      .send({ reason: 'The drill restored the wrong database' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: record.id,
      revokedBy: ADA,
      revokedAt: NOW.toISOString(),
      revokeReason: 'The drill restored the wrong database',
    });
    expect(
      itemState(await readinessOf(app, 'checkout'), 'backup-restore'),
    ).toBe('missing');
    const again = await request(app)
      .post(`${base('checkout')}/readiness-records/${record.id}/revoke`)
      .set('Authorization', as(ADA))
      .send({});
    expect(again.status).toBe(409);
    expect(
      (await readinessStore.listAudit(ref('checkout'))).map(a => a.action),
    ).toEqual(['revoke', 'attest']);
    const records = await request(app)
      .get(`${base('checkout')}/readiness-records`)
      .set('Authorization', as(ADA));
    expect(records.body.items).toHaveLength(1);
    const audit = await request(app)
      .get(`${base('checkout')}/audit?limit=1`)
      .set('Authorization', as(ADA));
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'revoke',
    ]);
  });

  it('does not revoke a record through another entity', async () => {
    const { app } = await setup();
    const record = (
      await request(app)
        .post(`${base('checkout')}/readiness/backup-restore/attestations`)
        .set('Authorization', as(ADA))
        .send(ATTESTATION)
    ).body as ReadinessRecord;
    const res = await request(app)
      .post(`${base('payments')}/readiness-records/${record.id}/revoke`)
      .set('Authorization', as(ROOT))
      .send({});
    expect(res.status).toBe(404);
  });

  it('exempts an entity from a scorecard check', async () => {
    const { app } = await setup();
    const res = await request(app)
      .post(
        `${base('payments')}/scorecards/golden-path/checks/techdocs/exemptions`,
      )
      .set('Authorization', as(BOB))
      .send({
        reason: 'Docs live in the payments handbook',
        expiresAt: '2027-01-31',
      });
    expect(res.status).toBe(201);
    const entity = await request(app)
      .get(base('payments'))
      .set('Authorization', as(BOB));
    const [golden] = entity.body.sections.scorecards.items as ScorecardResult[];
    expect(golden.level).toBe('bronze');
    expect(golden.checks.find(c => c.checkId === 'techdocs')?.state).toBe(
      'exempt',
    );
    const missing = await request(app)
      .post(`${base('payments')}/scorecards/golden-path/checks/nope/exemptions`)
      .set('Authorization', as(BOB))
      .send({ reason: 'Docs live elsewhere', expiresAt: '2027-01-31' });
    expect(missing.status).toBe(404);
  });
});

describe('scorecard push API', () => {
  const push = (app: express.Express, body: unknown, auth = service()) =>
    request(app)
      .post('/scorecards/golden-path/checks/ci-template/results')
      .set('Authorization', auth)
      .send(body as object);

  it('accepts a result from service credentials and re-evaluates the entity', async () => {
    const { app, readinessStore } = await setup();
    const res = await push(app, {
      entityRef: 'checkout',
      passed: true,
      url: 'https://ci.example.com/runs/1',
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 1 });
    const entity = await request(app)
      .get(base('checkout'))
      .set('Authorization', as(ADA));
    const [golden] = entity.body.sections.scorecards.items as ScorecardResult[];
    expect(golden.level).toBe('gold');
    expect(golden.checks.find(c => c.checkId === 'ci-template')).toMatchObject({
      state: 'passed',
      pushed: true,
      pushedAt: NOW.toISOString(),
    });
    const [audit] = await readinessStore.listAudit(ref('checkout'));
    expect(audit).toMatchObject({
      action: 'push',
      target: 'scorecard:golden-path/ci-template',
    });
  });

  it('accepts a batch, all or nothing', async () => {
    const { app, readinessStore } = await setup();
    const bad = await push(app, {
      results: [
        { entityRef: 'checkout', passed: true },
        { entityRef: 'component:default/nope', passed: true },
      ],
    });
    expect(bad.status).toBe(400);
    expect((await readinessStore.listPushedResults()).size).toBe(0);
    const ok = await push(app, {
      results: [
        { entityRef: 'checkout', passed: true },
        { entityRef: 'payments', passed: false, details: 'old pipeline' },
      ],
    });
    expect(ok.status).toBe(202);
    expect((await readinessStore.listPushedResults()).size).toBe(2);
  });

  it('refuses user credentials', async () => {
    const { app } = await setup();
    const res = await push(
      app,
      { entityRef: 'checkout', passed: true },
      as(ROOT),
    );
    expect(res.status).toBe(403);
  });

  it('refuses services the policy does not allow to push', async () => {
    const { app } = await setup({
      permissions: permissionsFor((permission, user, resourceRef) =>
        permission.name === reliabilityScorecardPushPermission.name
          ? AuthorizeResult.DENY
          : policy()(permission, user, resourceRef),
      ),
    });
    const res = await push(app, { entityRef: 'checkout', passed: true });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('reliability.scorecard.push');
  });

  it.each<[string, unknown, number, string]>([
    ['an empty body', {}, 400, 'Invalid pushed result'],
    ['no passed', { entityRef: 'checkout' }, 400, 'Invalid pushed result'],
    [
      'passed as a string',
      { entityRef: 'checkout', passed: 'yes' },
      400,
      'Invalid pushed result',
    ],
    [
      'an unknown field',
      { entityRef: 'checkout', passed: true, score: 3 },
      400,
      'Invalid pushed result',
    ],
    [
      'a value that is an object',
      { entityRef: 'checkout', passed: true, value: { a: 1 } },
      400,
      'Invalid pushed result',
    ],
    [
      'a NaN-like value',
      { entityRef: 'checkout', passed: true, value: 'x'.repeat(201) },
      400,
      'Invalid pushed result',
    ],
    [
      'details over 1,000 characters',
      { entityRef: 'checkout', passed: true, details: 'x'.repeat(1001) },
      400,
      'Invalid pushed result',
    ],
    [
      'a javascript: url',
      { entityRef: 'checkout', passed: true, url: SCRIPT_URL },
      400,
      'Invalid pushed result',
    ],
    [
      'an entity ref that is not one',
      { entityRef: 'component:default/', passed: true },
      400,
      'is not an entity reference',
    ],
    [
      'an unknown entity',
      { entityRef: 'component:default/nope', passed: true },
      400,
      '"component:default/nope" is not a component in the catalog',
    ],
    ['an empty batch', { results: [] }, 400, 'must not be empty'],
    [
      'a batch over 500',
      {
        results: Array.from({ length: 501 }, () => ({
          entityRef: 'checkout',
          passed: true,
        })),
      },
      400,
      'at most 500',
    ],
    [
      'an entity twice',
      {
        results: [
          { entityRef: 'checkout', passed: true },
          { entityRef: 'component:default/checkout', passed: false },
        ],
      },
      400,
      'more than once',
    ],
    [
      'an array body',
      [{ entityRef: 'checkout', passed: true }],
      400,
      'Invalid pushed result',
    ],
  ])('rejects %s', async (_name, body, status, message) => {
    const { app, readinessStore } = await setup();
    const res = await push(app, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
    expect((await readinessStore.listPushedResults()).size).toBe(0);
  });

  it.each([
    ['/scorecards/nope/checks/ci-template/results', 404, 'No scorecard "nope"'],
    ['/scorecards/golden-path/checks/nope/results', 404, 'has no check "nope"'],
    ['/scorecards/golden-path/checks/techdocs/results', 400, 'not pushed'],
  ])('rejects a push to %s', async (path, status, message) => {
    const { app } = await setup();
    const res = await request(app)
      .post(path)
      .set('Authorization', service())
      .send({ entityRef: 'checkout', passed: true });
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });
});

describe('scorecard roll-up', () => {
  it('lists scorecards with adoption and results with filters and a cursor', async () => {
    const { app } = await setup();
    const list = await request(app)
      .get('/scorecards')
      .set('Authorization', as(ADA));
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      id: 'golden-path',
      entities: 2,
      byLevel: { none: 1, bronze: 1, gold: 0 },
      adoption: 0.5,
    });
    const page1 = await request(app)
      .get('/scorecards/golden-path/results?limit=1')
      .set('Authorization', as(ADA));
    expect(
      page1.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([ref('checkout')]);
    expect(page1.body.totalCount).toBe(2);
    const page2 = await request(app)
      .get(
        `/scorecards/golden-path/results?limit=1&cursor=${page1.body.nextCursor}`,
      )
      .set('Authorization', as(ADA));
    expect(
      page2.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([ref('payments')]);
    expect(page2.body.nextCursor).toBeUndefined();
    const failing = await request(app)
      .get('/scorecards/golden-path/results?failing=techdocs&owner=team-b')
      .set('Authorization', as(ADA));
    expect(
      failing.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([ref('payments')]);
    const byOwner = await request(app)
      .get('/scorecards/golden-path/summary?groupBy=owner')
      .set('Authorization', as(ADA));
    expect(byOwner.body.groups).toEqual([
      expect.objectContaining({ key: TEAM_A, entities: 1, adoption: 1 }),
      expect.objectContaining({ key: TEAM_B, entities: 1, adoption: 0 }),
    ]);
    const trend = await request(app)
      .get('/scorecards/golden-path/trend?days=30')
      .set('Authorization', as(ADA));
    expect(trend.body.items).toEqual([
      expect.objectContaining({
        day: '2026-11-26',
        entities: 2,
        adoption: 0.5,
      }),
    ]);
  });

  it('answers empty lists without reading results when reads are denied', async () => {
    const { app } = await setup({
      permissions: permissionsFor(policy({ result: AuthorizeResult.DENY })),
    });
    const list = await request(app)
      .get('/scorecards')
      .set('Authorization', as(ADA));
    expect(list.body.items[0]).toMatchObject({ entities: 0, adoption: null });
    const results = await request(app)
      .get('/scorecards/golden-path/results')
      .set('Authorization', as(ADA));
    expect(results.body).toEqual({
      scorecardId: 'golden-path',
      items: [],
      totalCount: 0,
    });
  });

  it('applies a CONDITIONAL read decision to lists, counts and the cursor', async () => {
    const { app } = await setup({
      permissions: permissionsFor(
        policy({
          result: AuthorizeResult.CONDITIONAL,
        } as PolicyDecision),
      ),
    });
    const list = await request(app)
      .get('/scorecards')
      .set('Authorization', as(ADA));
    expect(list.body.items[0]).toMatchObject({ entities: 1, adoption: 1 });
    const results = await request(app)
      .get('/scorecards/golden-path/results?limit=1')
      .set('Authorization', as(ADA));
    expect(
      results.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([ref('checkout')]);
    expect(results.body.totalCount).toBe(1);
    expect(results.body.nextCursor).toBeUndefined();
    // A hand-made cursor before payments does not reveal it.
    const cursor = Buffer.from(JSON.stringify({ r: ref('checkout') })).toString(
      'base64url',
    );
    const escaped = await request(app)
      .get(`/scorecards/golden-path/results?cursor=${cursor}`)
      .set('Authorization', as(ADA));
    expect(escaped.body.items).toEqual([]);
    const byOwner = await request(app)
      .get('/scorecards/golden-path/summary?groupBy=owner')
      .set('Authorization', as(ADA));
    expect(byOwner.body.groups.map((g: { key: string }) => g.key)).toEqual([
      TEAM_A,
    ]);
  });

  it.each([
    ['/scorecards/nope/results', 404],
    ['/scorecards/golden-path/results?limit=0', 400],
    ['/scorecards/golden-path/results?cursor=nonsense', 400],
    ['/scorecards/golden-path/results?color=red', 400],
    ['/scorecards/golden-path/summary?groupBy=system', 400],
    ['/scorecards/golden-path/trend?days=9999', 400],
  ])('rejects %s', async (path, status) => {
    const { app } = await setup();
    const res = await request(app).get(path).set('Authorization', as(ADA));
    expect(res.status).toBe(status);
  });
});
