import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionRule,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import {
  SloSpec,
  StoredToilItem,
  reliabilityEntityReadPermission,
  reliabilityToilWritePermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { generateSlothRules } from '@reliability-kit/backstage-plugin-reliability-node';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { ownedBy, testComponent } from '../__testUtils__/entities';
import { createTestApp } from '../__testUtils__/testRouter';

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

/** The catalog's IS_ENTITY_OWNER rule (plugin-catalog-backend), verbatim. */
const isEntityOwner: PermissionRule<
  Entity,
  unknown,
  'catalog-entity',
  { claims: string[] }
> = {
  name: 'IS_ENTITY_OWNER',
  description: 'Allow entities owned by a specified claim',
  resourceType: 'catalog-entity',
  apply: (resource, { claims }) =>
    (resource.relations ?? [])
      .filter(relation => relation.type === 'ownedBy')
      .some(relation => claims.includes(relation.targetRef)),
  toQuery: ({ claims }) => ({ key: 'relations.ownedBy', values: claims }),
};
const applyAsCatalog = createConditionAuthorizer([isEntityOwner]);

/** A conditional decision: the entities `claims` own. */
const owns = (...claims: string[]): ConditionalPolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  },
});

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * A permissions service with a policy, answering as the permission backend
 * does: `authorizeConditional` returns the policy's decision, `authorize`
 * with a resourceRef has conditional decisions applied to the entity by the
 * catalog's rule.
 */
const withPolicy = (policy: (permission: Permission) => PolicyDecision) =>
  mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(r => policy(r.permission)),
    authorize: async requests =>
      requests.map(r => {
        const decision = policy(r.permission);
        if (decision.result !== AuthorizeResult.CONDITIONAL) {
          return { result: decision.result };
        }
        const entity = entities.find(
          e => stringifyEntityRef(e) === r.resourceRef,
        );
        return {
          result:
            entity && applyAsCatalog(decision, entity)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
  });

/** Entity reads decided by `read`, everything else allowed. */
const readPolicy = (read: PolicyDecision) =>
  withPolicy(p =>
    p.name === reliabilityEntityReadPermission.name ? read : ALLOW,
  );

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

const setup = async (
  permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ALLOW),
    authorizeConditional: async requests => requests.map(() => ALLOW),
  }),
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

  const { proxy, calls } = recording(store);
  const catalog = catalogServiceMock({ entities });
  jest.spyOn(catalog, 'getEntityByRef');
  jest.spyOn(catalog, 'getEntitiesByRefs');
  const app = await createTestApp({ store: proxy, catalog, permissions });
  return { app, store, storeCalls: calls, catalog, permissions };
};

const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

const ENTITY_ENDPOINTS: Array<[string, (name: string) => string]> = [
  ['the entity', n => `/entities/component/default/${n}`],
  [
    'SLO history',
    n => `/entities/component/default/${n}/slos/availability/history`,
  ],
  ['alert quality', n => `/entities/component/default/${n}/alert-quality`],
  ['the toil log', n => `/entities/component/default/${n}/toil`],
];

describe('reliability.entity.read on the entity endpoints', () => {
  it.each(ENTITY_ENDPOINTS)(
    '%s: answers 404 on DENY, like an unknown entity, without reading the store or the catalog',
    async (_name, path) => {
      const unknown = await request((await setup()).app)
        .get(path('ghost'))
        .set('Authorization', user);
      expect(unknown.status).toBe(404);

      const { app, storeCalls, catalog, permissions } = await setup(
        readPolicy(DENY),
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
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: reliabilityEntityReadPermission,
            resourceRef: ref('checkout'),
          },
        ],
        { credentials: mockCredentials.user() },
      );
    },
  );

  it.each(ENTITY_ENDPOINTS)('%s: answers 200 on ALLOW', async (_name, path) => {
    const { app, storeCalls, permissions } = await setup(readPolicy(ALLOW));
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
      const { app, storeCalls } = await setup(readPolicy(owns(TEAM_A)));
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
      expect(storeCalls).toEqual([]);
    },
  );

  it('applies to service credentials as the framework decides', async () => {
    const { app } = await setup(readPolicy(DENY));
    const res = await request(app)
      .get('/entities/component/default/checkout')
      .set('Authorization', service);
    expect(res.status).toBe(404);
  });

  it('does not ask for /health', async () => {
    const { app, permissions } = await setup(readPolicy(DENY));
    expect((await request(app).get('/health')).status).toBe(200);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });
});

describe('reliability.entity.read on GET /slos/rules', () => {
  const groupsOf = (...names: string[]) =>
    names.flatMap(n => generateSlothRules(spec(n), { service: n }).groups);

  it('returns nothing on DENY, without reading the store or the catalog', async () => {
    const { app, storeCalls, catalog, permissions } = await setup(
      readPolicy(DENY),
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
    const { app, permissions } = await setup(readPolicy(ALLOW));
    const res = await request(app)
      .get('/slos/rules?format=json')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual(groupsOf('checkout', 'payments'));
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('filters the entities on CONDITIONAL, decided per entity', async () => {
    const { app, permissions } = await setup(readPolicy(owns(TEAM_B)));
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
    withPolicy(p =>
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
      withPolicy(p =>
        p.name === reliabilityEntityReadPermission.name ? DENY : ALLOW,
      ),
    );
    const post = await request(app)
      .post(toilPath('checkout'))
      .set('Authorization', user)
      .send(TOIL);
    expect(post.status).toBe(404);
    const asked = permissions.authorize.mock.calls.flatMap(([requests]) =>
      requests.map(r => r.permission.name),
    );
    expect(asked).toEqual(['reliability.entity.read']);
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
