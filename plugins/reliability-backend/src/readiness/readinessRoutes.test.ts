import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  TestDatabases,
  mockCredentials,
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
  EntityReadiness,
  ReadinessRecord,
  ScorecardResult,
  reliabilityEntityReadPermission,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessExemptPermission,
  reliabilityScorecardPushPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { fixedClock } from '../lib/Clock';
import { ownedBy, testComponent } from '../__testUtils__/entities';
import {
  createTestApp,
  createTestEvaluator,
} from '../__testUtils__/testRouter';

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
): Entity =>
  testComponent(name, {
    annotations: { 'reliability-kit.io/tier': 'tier-1' },
    metadata: over,
    ...ownedBy(owner),
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
    // The catalog's own read, which entity endpoints also ask for.
    if (permission.name === catalogEntityReadPermission.name) {
      return AuthorizeResult.ALLOW;
    }
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
  const evaluator = createTestEvaluator({
    catalog,
    store,
    readinessStore,
    config: checksConfig,
    clock: fixedClock(NOW),
  });
  await evaluator.run();
  const permissions = options.permissions ?? permissionsFor();
  const app = await createTestApp({
    catalog,
    store,
    permissions,
    hoursOf: () => ({} as never),
    readinessStore,
    evaluator,
    clock: fixedClock(NOW),
  });
  return { app, store, readinessStore, permissions, evaluator };
}

const as = (user: string) => mockCredentials.user.header(user);
const service = () => mockCredentials.service.header();
const base = (name: string) => `/entities/component/default/${name}`;
const ATTESTATION = {
  evidenceUrl: 'https://wiki.example.com/restore-drill',
  comment: 'Restored the 2026-11-20 snapshot into staging',
};

const get = (app: express.Express, path: string, user = ADA) =>
  request(app).get(path).set('Authorization', as(user));

/** POSTs `body` to `path` below the entity `name`, as `auth`. */
const postTo = (
  app: express.Express,
  name: string,
  path: string,
  body: unknown,
  auth = as(ADA),
) =>
  request(app)
    .post(`${base(name)}/${path}`)
    .set('Authorization', auth)
    .send(body as object);

const attest = (app: express.Express, name = 'checkout', auth = as(ADA)) =>
  postTo(app, name, 'readiness/backup-restore/attestations', ATTESTATION, auth);

const exemptCheckout = (app: express.Express, body: unknown, auth = as(ADA)) =>
  postTo(app, 'checkout', 'readiness/backup-restore/exemptions', body, auth);

const revoke = (
  app: express.Express,
  name: string,
  recordId: string,
  body: object,
  auth = as(ADA),
) => postTo(app, name, `readiness-records/${recordId}/revoke`, body, auth);

const entityRefsOf = (res: request.Response) =>
  res.body.items.map((r: { entityRef: string }) => r.entityRef);

async function readinessOf(app: express.Express, name: string, user = ADA) {
  const res = await get(app, base(name), user);
  expect(res.status).toBe(200);
  return res.body.sections.readiness.items[0] as EntityReadiness;
}

const itemState = (readiness: EntityReadiness, id: string) =>
  readiness.items.find(i => i.id === id)?.state;

describe('readiness routes', () => {
  it('serves the evaluated readiness and scorecards in the entity endpoint', async () => {
    const { app } = await setup();
    const res = await get(app, base('checkout'));
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
    const res = await attest(app);
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
    const res = await attest(app, 'checkout', as(BOB));
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
    const res = await attest(app, 'payments', as(ROOT));
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
    const res = await attest(app, 'checkout', service());
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
      const res = await postTo(
        app,
        'checkout',
        `readiness/${item}/attestations`,
        body,
      );
      expect(res.status).toBe(status);
      expect(res.body.error.message).toContain(message);
      expect(await readinessStore.listAudit(ref('checkout'))).toEqual([]);
    },
  );

  it('exempts with a reason and an expiry; the entity becomes exempt', async () => {
    const { app } = await setup();
    const res = await exemptCheckout(app, {
      reason: 'Stateless service',
      expiresAt: '2027-03-01',
    });
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
    const res = await exemptCheckout(app, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('denies exemptions to non-owners, asking for reliability.readiness.exempt', async () => {
    const { app, permissions } = await setup();
    const res = await exemptCheckout(
      app,
      { reason: 'Stateless service', expiresAt: '2027-03-01' },
      as(BOB),
    );
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
    const record = (await attest(app)).body as ReadinessRecord;
    const denied = await revoke(
      app,
      'checkout',
      record.id,
      { reason: 'not mine' },
      as(BOB),
    );
    expect(denied.status).toBe(403);

    const revoked = await revoke(app, 'checkout', record.id, {
      reason: 'The drill restored the wrong database',
    });
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
    const again = await revoke(app, 'checkout', record.id, {});
    expect(again.status).toBe(409);
    expect(
      (await readinessStore.listAudit(ref('checkout'))).map(a => a.action),
    ).toEqual(['revoke', 'attest']);
    const records = await get(app, `${base('checkout')}/readiness-records`);
    expect(records.body.items).toHaveLength(1);
    const audit = await get(app, `${base('checkout')}/audit?limit=1`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'revoke',
    ]);
  });

  it('does not revoke a record through another entity', async () => {
    const { app } = await setup();
    const record = (await attest(app)).body as ReadinessRecord;
    const res = await revoke(app, 'payments', record.id, {}, as(ROOT));
    expect(res.status).toBe(404);
  });

  it('exempts an entity from a scorecard check', async () => {
    const { app } = await setup();
    const exemptPayments = (checkId: string, reason: string) =>
      postTo(
        app,
        'payments',
        `scorecards/golden-path/checks/${checkId}/exemptions`,
        { reason, expiresAt: '2027-01-31' },
        as(BOB),
      );
    const res = await exemptPayments(
      'techdocs',
      'Docs live in the payments handbook',
    );
    expect(res.status).toBe(201);
    const entity = await get(app, base('payments'), BOB);
    const [golden] = entity.body.sections.scorecards.items as ScorecardResult[];
    expect(golden.level).toBe('bronze');
    expect(golden.checks.find(c => c.checkId === 'techdocs')?.state).toBe(
      'exempt',
    );
    const missing = await exemptPayments('nope', 'Docs live elsewhere');
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
    const entity = await get(app, base('checkout'));
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
    // CI's message is shown with the failing check.
    const payments = await request(app)
      .get(base('payments'))
      .set('Authorization', as(BOB));
    const [golden] = payments.body.sections.scorecards
      .items as ScorecardResult[];
    expect(golden.checks.find(c => c.checkId === 'ci-template')).toMatchObject({
      state: 'failed',
      detail: 'old pipeline (push.ci-template.passed is false, needs true)',
    });
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
    const list = await get(app, '/scorecards');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      id: 'golden-path',
      entities: 2,
      byLevel: { none: 1, bronze: 1, gold: 0 },
      adoption: 0.5,
    });
    const page1 = await get(app, '/scorecards/golden-path/results?limit=1');
    expect(entityRefsOf(page1)).toEqual([ref('checkout')]);
    expect(page1.body.totalCount).toBe(2);
    const page2 = await get(
      app,
      `/scorecards/golden-path/results?limit=1&cursor=${page1.body.nextCursor}`,
    );
    expect(entityRefsOf(page2)).toEqual([ref('payments')]);
    expect(page2.body.nextCursor).toBeUndefined();
    const failing = await get(
      app,
      '/scorecards/golden-path/results?failing=techdocs&owner=team-b',
    );
    expect(entityRefsOf(failing)).toEqual([ref('payments')]);
    const byOwner = await get(
      app,
      '/scorecards/golden-path/summary?groupBy=owner',
    );
    expect(byOwner.body.groups).toEqual([
      expect.objectContaining({ key: TEAM_A, entities: 1, adoption: 1 }),
      expect.objectContaining({ key: TEAM_B, entities: 1, adoption: 0 }),
    ]);
    const trend = await get(app, '/scorecards/golden-path/trend?days=30');
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
    const list = await get(app, '/scorecards');
    expect(list.body.items[0]).toMatchObject({ entities: 0, adoption: null });
    const results = await get(app, '/scorecards/golden-path/results');
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
    const list = await get(app, '/scorecards');
    expect(list.body.items[0]).toMatchObject({ entities: 1, adoption: 1 });
    const results = await get(app, '/scorecards/golden-path/results?limit=1');
    expect(entityRefsOf(results)).toEqual([ref('checkout')]);
    expect(results.body.totalCount).toBe(1);
    expect(results.body.nextCursor).toBeUndefined();
    // A hand-made cursor before payments does not reveal it.
    const cursor = Buffer.from(JSON.stringify({ r: ref('checkout') })).toString(
      'base64url',
    );
    const escaped = await get(
      app,
      `/scorecards/golden-path/results?cursor=${cursor}`,
    );
    expect(escaped.body.items).toEqual([]);
    const byOwner = await get(
      app,
      '/scorecards/golden-path/summary?groupBy=owner',
    );
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
    const res = await get(app, path);
    expect(res.status).toBe(status);
  });
});
