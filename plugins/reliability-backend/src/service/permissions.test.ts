import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  SloSpec,
  StoredToilItem,
  reliabilityEntityReadPermission,
  reliabilityToilWritePermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { generateSlothRules } from '@reliability-kit/backstage-plugin-reliability-node';
import { Express } from 'express';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { ownedBy, testComponent } from '../__testUtils__/entities';
import { createTestApp } from '../__testUtils__/testRouter';
import { fixedClock } from '../lib/Clock';
import {
  PermissionDecisionCache,
  createPermissionDecisionCache,
} from './request';
import {
  ALLOW,
  DENY,
  ENTITY_ENDPOINTS,
  labelled,
  ofKinds,
  owns,
  readPolicy,
  withPolicy,
} from '../__testUtils__/permissionPolicy';

/*
 * Permission tests in the style of the catalog backend's
 * AuthorizedEntitiesCatalog tests: DENY answers as if there were nothing,
 * without touching the store or the catalog; ALLOW answers normally;
 * CONDITIONAL answers per entity, with the conditions evaluated as the
 * catalog evaluates them.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const component = (name: string, owner: string): Entity =>
  testComponent(name, ownedBy(owner));

const entities = [component('checkout', TEAM_A), component('payments', TEAM_B)];
const ref = (name: string) => `component:default/${name}`;

const spec = (service: string): SloSpec => ({
  id: 'availability',
  name: 'availability',
  service,
  objective: 0.999,
  window: { kind: 'rolling', duration: '30d', ms: 30 * DAY_MS },
  budgetingMethod: 'Occurrences',
  indicator: {
    kind: 'ratio',
    bad: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    total: 'sum(rate(http_requests_total[{{.window}}]))',
  },
  source: { format: 'sloth/v1', file: './slos.yaml', line: 4 },
});

/** The store, recording the names of the methods the router calls. */
const recording = (store: ReliabilityStore) => {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return value.apply(target, args);
      };
    },
  });
  return { proxy, calls };
};

const TOIL_ITEM: StoredToilItem = {
  id: '3f1c6f5e-8d0b-4c3e-9a7e-2b6d1e0f4a5c',
  entityRef: ref('checkout'),
  task: 'Restart the cache by hand',
  minutesPerOccurrence: 10,
  occurrencesPerWeek: 2,
  owner: TEAM_A,
  createdBy: 'user:default/mock',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedBy: 'user:default/mock',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

/**
 * The router over a store with the two entities' data. `indexed`: the
 * entities in the entity index (with their stored entity), none unless
 * given; `inCatalog`: what the catalog has, both unless given.
 */
const setup = async (
  permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ALLOW),
    authorizeConditional: async requests => requests.map(() => ALLOW),
  }),
  options: {
    indexed?: Entity[];
    inCatalog?: Entity[];
    permissionDecisions?: PermissionDecisionCache;
  } = {},
) => {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const now = '2026-11-26T10:00:00.000Z';
  for (const name of ['checkout', 'payments']) {
    await store.writeSection(ref(name), 'slos', {
      items: [
        {
          id: 'availability',
          name: 'availability',
          origin: 'spec',
          instance: 'prom',
          objective: 0.999,
          status: 'healthy',
        },
      ],
      problems: [],
      status: 'ok',
      demo: false,
      computedAt: now,
    });
    await store.replaceSloDefinitions(ref(name), [spec(name)], now);
  }
  await store.createToilItem(TOIL_ITEM);
  await store.replaceEntityIndex(
    (options.indexed ?? []).map(e => ({
      entityRef: stringifyEntityRef(e),
      kind: 'component',
      namespace: 'default',
      name: e.metadata.name,
      tierStatus: 'missing',
      entity: e,
    })),
    now,
  );

  const { proxy, calls } = recording(store);
  const catalog = catalogServiceMock({
    entities: options.inCatalog ?? entities,
  });
  jest.spyOn(catalog, 'getEntityByRef');
  jest.spyOn(catalog, 'getEntitiesByRefs');
  const app = await createTestApp({
    store: proxy,
    catalog,
    permissions,
    permissionDecisions: options.permissionDecisions,
  });
  return { app, store, storeCalls: calls, catalog, permissions };
};

const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

describe('reliability.entity.read on the entity endpoints', () => {
  it.each(ENTITY_ENDPOINTS)(
    '%s: answers 404 on DENY, like an unknown entity, without reading the store or the catalog',
    async (_name, path) => {
      const unknown = await request((await setup()).app)
        .get(path('ghost'))
        .set('Authorization', user);
      expect(unknown.status).toBe(404);

      const { app, storeCalls, catalog, permissions } = await setup(
        readPolicy(entities, DENY),
      );
      const res = await request(app)
        .get(path('checkout'))
        .set('Authorization', user);
      expect(res.status).toBe(404);
      // The same answer as for an entity that does not exist.
      expect(res.body).toEqual(
        JSON.parse(JSON.stringify(unknown.body).replace(/ghost/g, 'checkout')),
      );
      expect(storeCalls).toEqual([]);
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      // Decided before anything is read (with the catalog's own read
      // permission, for the entity index; see entityRead.test.ts).
      expect(permissions.authorizeConditional).toHaveBeenCalledWith(
        [
          { permission: reliabilityEntityReadPermission },
          { permission: catalogEntityReadPermission },
        ],
        { credentials: mockCredentials.user() },
      );
    },
  );

  it.each(ENTITY_ENDPOINTS)('%s: answers 200 on ALLOW', async (_name, path) => {
    const { app, storeCalls, permissions } = await setup(
      readPolicy(entities, ALLOW),
    );
    const res = await request(app)
      .get(path('checkout'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.entityRef ?? res.body.items).toBeDefined();
    expect(storeCalls.length).toBeGreaterThan(0);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
  });

  it.each(ENTITY_ENDPOINTS)(
    '%s: answers per entity on CONDITIONAL',
    async (_name, path) => {
      const { app, storeCalls } = await setup(
        readPolicy(entities, owns(TEAM_A)),
      );
      const owned = await request(app)
        .get(path('checkout'))
        .set('Authorization', user);
      expect(owned.status).toBe(200);

      storeCalls.length = 0;
      const other = await request(app)
        .get(path('payments'))
        .set('Authorization', user);
      expect(other.status).toBe(404);
      expect(other.body.error.message).toBe(
        'No entity component:default/payments found in the catalog',
      );
      // Only the entity index was looked up (these entities are not
      // indexed, so the catalog decided): no reliability data was read.
      expect(storeCalls).toEqual(['readIndexedEntity']);
    },
  );

  it('applies to service credentials as the framework decides', async () => {
    const { app } = await setup(readPolicy(entities, DENY));
    const res = await request(app)
      .get('/entities/component/default/checkout')
      .set('Authorization', service);
    expect(res.status).toBe(404);
  });

  it('does not ask for /health', async () => {
    const { app, permissions } = await setup(readPolicy(entities, DENY));
    expect((await request(app).get('/health')).status).toBe(200);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });
});

describe('the entity endpoints with the entity index', () => {
  /** The policy: `read` for reliability.entity.read, `catalogRead` for catalog.entity.read. */
  const policy = (read: PolicyDecision, catalogRead: PolicyDecision = ALLOW) =>
    withPolicy(entities, p => {
      if (p.name === reliabilityEntityReadPermission.name) return read;
      return p.name === catalogEntityReadPermission.name ? catalogRead : ALLOW;
    });
  const get = (app: Express, path: string) =>
    request(app).get(path).set('Authorization', user);

  it.each(ENTITY_ENDPOINTS)(
    '%s: answers an indexed entity on ALLOW from the index, without the catalog',
    async (_name, path) => {
      const { app, catalog, permissions } = await setup(policy(ALLOW), {
        indexed: entities,
      });
      expect((await get(app, path('checkout'))).status).toBe(200);
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      expect(permissions.authorize).not.toHaveBeenCalled();
    },
  );

  it('serves the entity as indexed (the tier of the stored entity)', async () => {
    const indexed = testComponent('checkout', {
      ...ownedBy(TEAM_A),
      annotations: { 'reliability-kit.io/tier': 'tier-1' },
    });
    const { app } = await setup(policy(ALLOW), { indexed: [indexed] });
    const res = await get(app, '/entities/component/default/checkout');
    expect(res.status).toBe(200);
    expect(res.body.tier).toMatchObject({ status: 'ok' });
  });

  it.each([
    ['reliability.entity.read', owns(TEAM_A), ALLOW],
    ['catalog.entity.read', ALLOW, owns(TEAM_A)],
  ])(
    'evaluates an owner condition on %s on the stored entity: 200 for the owner, 404 otherwise, without the catalog',
    async (_permission, read, catalogRead) => {
      const { app, catalog, permissions, storeCalls } = await setup(
        policy(read, catalogRead),
        { indexed: entities },
      );
      expect(
        (await get(app, '/entities/component/default/checkout')).status,
      ).toBe(200);
      storeCalls.length = 0;
      const other = await get(app, '/entities/component/default/payments');
      expect(other.status).toBe(404);
      expect(other.body.error.message).toBe(
        'No entity component:default/payments found in the catalog',
      );
      expect(storeCalls).toEqual(['readIndexedEntity']);
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      expect(permissions.authorize).not.toHaveBeenCalled();
    },
  );

  it('evaluates a kind condition on the stored entity', async () => {
    const { app, catalog } = await setup(policy(ofKinds('API')), {
      indexed: entities,
    });
    expect(
      (await get(app, '/entities/component/default/checkout')).status,
    ).toBe(404);
    const allowed = await setup(policy(ofKinds('Component')), {
      indexed: entities,
    });
    expect(
      (await get(allowed.app, '/entities/component/default/checkout')).status,
    ).toBe(200);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    expect(allowed.catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('answers 404 on DENY of catalog.entity.read without reading anything', async () => {
    const { app, catalog, storeCalls } = await setup(policy(ALLOW, DENY), {
      indexed: entities,
    });
    expect(
      (await get(app, '/entities/component/default/checkout')).status,
    ).toBe(404);
    expect(storeCalls).toEqual([]);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('falls back to the catalog for a rule the stored entity cannot answer', async () => {
    const labelledCheckout = testComponent('checkout', {
      ...ownedBy(TEAM_A),
      metadata: { labels: { pci: 'true' } },
    });
    const inCatalog = [labelledCheckout, entities[1]];
    const { app, catalog, permissions } = await setup(
      withPolicy(inCatalog, p =>
        p.name === reliabilityEntityReadPermission.name
          ? labelled('pci')
          : ALLOW,
      ),
      { indexed: inCatalog, inCatalog },
    );
    expect(
      (await get(app, '/entities/component/default/checkout')).status,
    ).toBe(200);
    expect(
      (await get(app, '/entities/component/default/payments')).status,
    ).toBe(404);
    // The framework decided per entity (the catalog applies the rule) and
    // the catalog was read, as without the index.
    expect(permissions.authorize).toHaveBeenCalledTimes(2);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('falls back to the catalog for an entity not indexed yet (a new entity works)', async () => {
    const { app, catalog } = await setup(policy(ALLOW), {
      indexed: [entities[1]],
    });
    const res = await get(app, '/entities/component/default/checkout');
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe(ref('checkout'));
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('does not find an entity the change pass removed from the index and the catalog no longer has', async () => {
    const { app, store } = await setup(policy(ALLOW), {
      indexed: entities,
      inCatalog: [entities[1]],
    });
    // Until the change pass, the index still serves it (the trade-off) ...
    expect(
      (await get(app, '/entities/component/default/checkout')).status,
    ).toBe(200);
    // ... after it, the catalog is asked and has nothing.
    await store.updateEntityIndex(
      [],
      [ref('checkout')],
      '2026-11-26T10:01:00.000Z',
    );
    expect(
      (await get(app, '/entities/component/default/checkout')).status,
    ).toBe(404);
  });
});

describe('the entity endpoints with the decision cache', () => {
  const get = (app: Express, path: string, as = user) =>
    request(app).get(path).set('Authorization', as);
  const cacheOf = (ttlSeconds: number) =>
    createPermissionDecisionCache({
      ttlSeconds,
      clock: fixedClock('2026-11-26T10:00:00.000Z'),
    });

  it.each([
    ["reuses a user's decisions within the lifetime", 10, [ALLOW], 1],
    ['asks every time with 0 seconds', 0, [ALLOW], 3],
    ['asks again after a DENY', 10, [DENY], 3],
  ])('%s', async (_what, ttlSeconds, [read], asked) => {
    const { app, permissions } = await setup(readPolicy(entities, read), {
      indexed: entities,
      permissionDecisions: cacheOf(ttlSeconds),
    });
    const expected = read === ALLOW ? 200 : 404;
    for (const name of ['checkout', 'payments', 'checkout']) {
      expect(
        (await get(app, `/entities/component/default/${name}`)).status,
      ).toBe(expected);
    }
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(asked);
  });

  it('keeps users apart and never keeps a service principal', async () => {
    const { app, permissions } = await setup(readPolicy(entities, ALLOW), {
      indexed: entities,
      permissionDecisions: cacheOf(10),
    });
    const path = '/entities/component/default/checkout';
    const other = mockCredentials.user.header('user:default/other');
    for (const as of [user, other, user, other, service, service]) {
      expect((await get(app, path, as)).status).toBe(200);
    }
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(4);
  });
});

describe('reliability.entity.read on GET /slos/rules', () => {
  const groupsOf = (...names: string[]) =>
    names.flatMap(n => generateSlothRules(spec(n), { service: n }).groups);

  it('returns nothing on DENY, without reading the store or the catalog', async () => {
    const { app, storeCalls, catalog, permissions } = await setup(
      readPolicy(entities, DENY),
    );
    const res = await request(app)
      .get('/slos/rules?format=json')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ groups: [], skipped: [] });
    expect(storeCalls).toEqual([]);
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: reliabilityEntityReadPermission }],
      { credentials: mockCredentials.user() },
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('returns the rules of every visible entity on ALLOW, without decisions per entity', async () => {
    const { app, permissions } = await setup(readPolicy(entities, ALLOW));
    const res = await request(app)
      .get('/slos/rules?format=json')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual(groupsOf('checkout', 'payments'));
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('filters the entities on CONDITIONAL, decided per entity', async () => {
    const { app, permissions } = await setup(
      readPolicy(entities, owns(TEAM_B)),
    );
    const res = await request(app)
      .get('/slos/rules?format=json')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual(groupsOf('payments'));
    // One batch, for the entities the catalog shows the caller.
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [ref('checkout'), ref('payments')].map(resourceRef => ({
        permission: reliabilityEntityReadPermission,
        resourceRef,
      })),
      { credentials: mockCredentials.user() },
    );

    const yaml = await request(app)
      .get('/slos/rules')
      .set('Authorization', user);
    expect(yaml.text).toContain('sloth_service: payments');
    expect(yaml.text).not.toContain('checkout');
  });
});

describe('reliability.toil.write', () => {
  const TOIL = {
    task: 'Rotate the TLS certificates by hand',
    minutesPerOccurrence: 30,
    occurrencesPerWeek: 4,
  };
  const toilPath = (name: string, id?: string) =>
    `/entities/component/default/${name}/toil${id ? `/${id}` : ''}`;
  const toilPolicy = (write: PolicyDecision) =>
    withPolicy(entities, p =>
      p.name === reliabilityToilWritePermission.name ? write : ALLOW,
    );

  it('answers 403 on DENY and stores nothing', async () => {
    const { app, store, storeCalls } = await setup(toilPolicy(DENY));
    const post = await request(app)
      .post(toilPath('checkout'))
      .set('Authorization', user)
      .send(TOIL);
    expect(post.status).toBe(403);
    expect(post.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'You may not change the toil log of component:default/checkout: only its owning team can',
    });
    const put = await request(app)
      .put(toilPath('checkout', TOIL_ITEM.id))
      .set('Authorization', user)
      .send(TOIL);
    expect(put.status).toBe(403);
    const del = await request(app)
      .delete(toilPath('checkout', TOIL_ITEM.id))
      .set('Authorization', user);
    expect(del.status).toBe(403);

    expect(storeCalls).not.toContain('createToilItem');
    expect(storeCalls).not.toContain('updateToilItem');
    expect(storeCalls).not.toContain('deleteToilItem');
    expect(await store.listToilItems(ref('checkout'))).toEqual([TOIL_ITEM]);
  });

  it('lets owners write on CONDITIONAL, and answers 403 to others', async () => {
    const { app, store } = await setup(toilPolicy(owns(TEAM_A)));
    const owned = await request(app)
      .post(toilPath('checkout'))
      .set('Authorization', user)
      .send(TOIL);
    expect(owned.status).toBe(201);
    const other = await request(app)
      .post(toilPath('payments'))
      .set('Authorization', user)
      .send(TOIL);
    expect(other.status).toBe(403);
    expect(await store.listToilItems(ref('checkout'))).toHaveLength(2);
    expect(await store.listToilItems(ref('payments'))).toEqual([]);
  });

  it('answers 404 when entity reads are denied, before asking for toil writes', async () => {
    const { app, store, permissions } = await setup(
      withPolicy(entities, p =>
        p.name === reliabilityEntityReadPermission.name ? DENY : ALLOW,
      ),
    );
    const post = await request(app)
      .post(toilPath('checkout'))
      .set('Authorization', user)
      .send(TOIL);
    expect(post.status).toBe(404);
    const asked = [
      ...permissions.authorizeConditional.mock.calls,
      ...permissions.authorize.mock.calls,
    ].flatMap(([requests]) => requests.map(r => r.permission.name));
    expect(asked).toContain('reliability.entity.read');
    expect(asked).not.toContain(reliabilityToilWritePermission.name);
    expect(await store.listToilItems(ref('checkout'))).toEqual([TOIL_ITEM]);
  });

  it('does not let a service principal write toil, whatever the policy', async () => {
    const { app, store, permissions } = await setup(toilPolicy(ALLOW));
    const post = await request(app)
      .post(toilPath('checkout'))
      .set('Authorization', service)
      .send(TOIL);
    expect(post.status).toBe(403);
    const del = await request(app)
      .delete(toilPath('checkout', TOIL_ITEM.id))
      .set('Authorization', service);
    expect(del.status).toBe(403);
    const asked = permissions.authorize.mock.calls.flatMap(([requests]) =>
      requests.map(r => r.permission.name),
    );
    expect(asked).not.toContain('reliability.toil.write');
    expect(await store.listToilItems(ref('checkout'))).toEqual([TOIL_ITEM]);
  });
});

// The list endpoints' permission tests (DENY empty without reading the
// store, CONDITIONAL filtering rows, KPIs and cursors) live next to them:
// src/fleet/fleet.test.ts and src/service/readinessRoutes.test.ts.
