import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  EntityReadiness,
  RELIABILITY_ANNOTATION_TIER,
  ReadinessItemResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { readTierModel } from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import request from 'supertest';
import { readTeamsConfig } from '../config/readTeamsConfig';
import {
  ALLOW,
  DENY,
  NOW,
  conditionalOn,
  entity as indexedEntity,
  handMade,
  ownedBy,
  permissionsOf,
  ref,
} from '../fleet/__testUtils__/fleetFixtures';
import { FleetWriter } from '../fleet/FleetProjection';
import { fixedClock } from '../lib/Clock';
import { DatabasePolicyStore } from '../policy/DatabasePolicyStore';
import { PolicyEvaluator } from '../policy/PolicyEvaluator';
import { readPolicyConfig } from '../policy/readPolicyConfig';
import { OK_EXHAUSTED } from '../policy/__testUtils__/policyFixtures';
import { RouterOptions, createRouter } from '../service/createRouter';
import { summarize } from './entitySummaryAction';
import { registerReliabilityActions } from './registerReliabilityActions';

/*
 * Every action through the actions registry (the release's mock registry,
 * which validates input and output against the schemas as the real one
 * does), with allowed, denied and conditional credentials, next to the
 * HTTP routes built from the same options.
 */

const SUMMARY = 'get-entity-reliability-summary';
const FLEET = 'list-reliability-fleet';
const OWNER_DUE = 'list-owner-readiness-due';
const GATE = 'get-deploy-gate';

/** The defaults: four tiers, no team hours. */
const NO_CONFIG = new ConfigReader({});
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const AT = NOW.toISOString();

const component = (name: string, owner: string, tier: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { [RELIABILITY_ANNOTATION_TIER]: tier },
  },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});
const ENTITIES = [
  component('a', TEAM_A, 'tier-1'),
  component('b', TEAM_A, 'tier-1'),
  component('c', TEAM_B, 'tier-1'),
  component('d', TEAM_B, 'tier-2'),
  component('e', TEAM_A, 'x'),
];

const item = (
  id: string,
  over: Partial<ReadinessItemResult>,
): ReadinessItemResult => ({
  id,
  title: `Item ${id}`,
  group: 'operations',
  kind: 'attested',
  required: true,
  state: 'attested',
  detail: 'Attested',
  ...over,
});

const readiness = (
  status: EntityReadiness['status'],
  items: ReadinessItemResult[],
): EntityReadiness => ({
  tier: 'tier-1',
  status,
  missing: items
    .filter(i => i.required && ['failed', 'missing'].includes(i.state))
    .map(i => i.id),
  expiring: items.filter(i => i.state === 'expiring').map(i => i.id),
  items,
  evaluatedAt: AT,
});

const section = (items: unknown[]) => ({
  items,
  problems: [],
  status: 'ok' as const,
  demo: false,
  computedAt: AT,
});

/** An exception to b's policy, in force at NOW. */
const EXCEPTION = {
  id: '7c1e8a52-57b4-4d3c-9d0e-5b0f7f3b6a01',
  entityRef: ref('b'),
  kind: 'dependency-outage',
  reason: 'The payment provider was down',
  createdBy: 'user:default/sre-lead',
  createdAt: AT,
  expiresAt: '2026-11-27T12:00:00.000Z',
};

/**
 * The error-budget policy `ok` → `exhausted` (budget below 0) for every
 * tier, evaluated at NOW: a and b exhausted (b with an exception), c ok,
 * d and e never evaluated. The fleet table learns the states.
 */
async function policyOf(deps: Awaited<ReturnType<typeof handMade>>) {
  const { knex, store: reliabilityStore } = deps;
  const tierModel = readTierModel(NO_CONFIG);
  const config = readPolicyConfig(
    new ConfigReader({ reliability: { policy: { default: OK_EXHAUSTED } } }),
    tierModel,
  )!;
  const store = new DatabasePolicyStore(knex);
  const evaluator = new PolicyEvaluator({
    config,
    store,
    tierModel,
    fleet: new FleetWriter(knex, {
      clock: fixedClock(NOW),
      store: reliabilityStore,
    }),
    logger: mockServices.logger.mock(),
  });
  for (const [name, budgetRemaining] of [
    ['a', -1],
    ['b', -0.1],
    ['c', 0.5],
  ] as const) {
    const entity = ENTITIES.find(e => e.metadata.name === name)!;
    await evaluator.sloRefreshed(
      entity,
      ref(name),
      [
        {
          id: 'availability',
          name: 'availability',
          budgetRemaining,
          burnRates: [],
          stale: false,
        },
      ],
      NOW,
    );
  }
  await store.createException(EXCEPTION, {
    at: AT,
    actor: EXCEPTION.createdBy,
    action: 'policy.except',
    entityRef: EXCEPTION.entityRef,
    target: 'policy-exception:dependency-outage',
    details: {},
  });
  return {
    evaluator,
    store,
    userInfo: mockServices.userInfo(),
  };
}

async function setup(
  read: PolicyDecision,
  allowed?: Set<string>,
  withPolicy = true,
) {
  const made = await handMade('SQLITE_3');
  const { store, fleet } = made;
  await store.writeSection(
    ref('a'),
    'slos',
    section([
      {
        id: 'availability',
        name: 'availability',
        displayName: 'Availability',
        objective: 0.999,
        windowLabel: '28d rolling',
        status: 'breaching',
        sli: 0.998,
        budgetRemaining: -1,
        forecast: { exhaustsAt: null },
      },
    ]),
  );
  await store.writeSection(
    ref('a'),
    'readiness',
    section([
      readiness('not-ready', [
        item('runbook', {
          state: 'missing',
          detail: 'The attestation expired on 2026-11-01',
          howToFix: 'Write the runbook and attest it',
        }),
        item('docs', {
          kind: 'automatic',
          state: 'failed',
          detail: 'annotation missing',
        }),
        item('oncall', {
          state: 'expiring',
          expiresAt: '2026-12-03T00:00:00.000Z',
        }),
        item('optional', { required: false, state: 'missing' }),
      ]),
    ]),
  );
  await store.writeSection(
    ref('a'),
    'scorecards',
    section([
      {
        scorecardId: 'golden-path',
        title: 'Golden path',
        entityRef: ref('a'),
        level: 'bronze',
        levelTitle: 'Bronze',
        nextLevel: 'silver',
        nextLevelTitle: 'Silver',
        missingForNextLevel: ['ci-template'],
        score: 0.5,
        checks: [],
        evaluatedAt: AT,
      },
    ]),
  );
  await store.writeSection(
    ref('c'),
    'readiness',
    section([
      readiness('expiring', [
        item('backup', {
          state: 'expiring',
          expiresAt: '2026-12-01T00:00:00.000Z',
          exemption: {} as never,
        }),
      ]),
    ]),
  );
  await store.writeDocument(ref('a'), 'alertSources', {
    pagingSource: 'demo',
    dataSince: '2026-01-01T00:00:00.000Z',
    shifts: [],
    rules: null,
    firingAlerts: [],
    problems: [],
    computedAt: AT,
    stale: false,
  });
  await store.upsertIncidents(
    ref('a'),
    ['2026-11-20T03:00:00.000Z', '2026-11-24T15:00:00.000Z'].map((t, i) => ({
      id: `i${i}`,
      source: 'demo',
      title: 'High error rate',
      urgency: 'high' as const,
      status: 'resolved' as const,
      createdAt: t,
      firstAcknowledgedAt: t.replace(':00:00.', ':05:00.'),
      resolvedAt: t.replace(':00:00.', ':30:00.'),
    })),
    AT,
  );

  const permissions = permissionsOf(read, allowed);
  const catalog = catalogServiceMock({ entities: ENTITIES });
  const options: RouterOptions = {
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    catalog,
    store,
    fleet,
    tierModel: readTierModel(NO_CONFIG),
    permissions,
    hoursOf: readTeamsConfig(NO_CONFIG).hoursOf,
    clock: fixedClock(NOW),
    policy: withPolicy ? await policyOf(made) : undefined,
  };
  const actionsRegistry = actionsRegistryServiceMock();
  registerReliabilityActions({ actionsRegistry, ...options });
  const app = express()
    .use(await createRouter(options))
    .use(mockErrorHandler());
  const http = async (path: string) => {
    const res = await request(app)
      .get(path)
      .set('Authorization', mockCredentials.user.header());
    return res;
  };
  const invoke = (name: string, input: object) =>
    actionsRegistry.invoke({
      id: `test:${name}`,
      input: input as never,
      credentials: mockCredentials.user(),
    });
  return { actionsRegistry, permissions, catalog, store, http, invoke };
}

/** Only team-a's entities: a condition the fleet table evaluates. */
const TEAM_A_ONLY = conditionalOn(ownedBy(TEAM_A));
const TEAM_A_REFS = new Set([ref('a'), ref('b'), ref('e')]);

describe('the registered actions', () => {
  it.each([
    ['with a policy', true, [SUMMARY, FLEET, OWNER_DUE, GATE]],
    ['without a policy', false, [SUMMARY, FLEET, OWNER_DUE]],
  ])(
    'are read-only, non-destructive and idempotent (%s)',
    async (_what, withPolicy, names) => {
      const { actionsRegistry } = await setup(ALLOW, undefined, withPolicy);
      const { actions } = await actionsRegistry.list();
      expect(actions.map(a => a.name).sort()).toEqual([...names].sort());
      for (const action of actions) {
        expect(action.attributes).toEqual({
          readOnly: true,
          destructive: false,
          idempotent: true,
        });
        expect(action.schema.input).toMatchObject({ type: 'object' });
        expect(action.schema.output).toMatchObject({ type: 'object' });
        expect(action.description.length).toBeGreaterThan(40);
      }
    },
  );
});

describe('get-entity-reliability-summary', () => {
  const NAME = SUMMARY;

  it('summarises what the entity and alert-quality routes answer', async () => {
    const { invoke, http } = await setup(ALLOW);
    const { output } = await invoke(NAME, { entityRef: 'component:default/a' });
    const entity = await http('/entities/component/default/a');
    const aq = await http(
      '/entities/component/default/a/alert-quality?window=28d',
    );
    const policy = await http('/entities/component/default/a/policy');
    expect(entity.status).toBe(200);
    expect(policy.status).toBe(200);
    expect(output).toEqual(
      JSON.parse(JSON.stringify(summarize(entity.body, aq.body, policy.body))),
    );
    expect(output).toMatchObject({
      entityRef: 'component:default/a',
      tier: { status: 'ok', id: 'tier-1', title: 'Tier 1' },
      sloStatus: 'breaching',
      slos: {
        status: 'ok',
        items: [
          {
            id: 'availability',
            name: 'Availability',
            budgetRemaining: -1,
            status: 'breaching',
          },
        ],
      },
      readiness: {
        status: 'not-ready',
        missing: [
          {
            id: 'runbook',
            title: 'Item runbook',
            state: 'missing',
            detail: 'The attestation expired on 2026-11-01',
            howToFix: 'Write the runbook and attest it',
          },
          { id: 'docs', state: 'failed' },
        ],
        expiring: [{ id: 'oncall', expiresAt: '2026-12-03T00:00:00.000Z' }],
      },
      scorecards: [{ scorecardId: 'golden-path', level: 'bronze' }],
      alertQuality: {
        window: '28d',
        pagingSource: 'demo',
        headline: { incidents: 2, pages: 2, mttaMedianMs: 5 * 60_000 },
      },
      policy: {
        policyId: 'default',
        state: 'exhausted',
        level: 1,
        since: AT,
        deploysAllowed: false,
        computedAt: AT,
        stale: false,
        exceptions: [],
      },
    });
  });

  it.each([
    [
      'the exceptions in force',
      true,
      'b',
      expect.objectContaining({ state: 'exhausted', exceptions: [EXCEPTION] }),
    ],
    ['null before the first evaluation', true, 'd', null],
    ['no policy section without a policy', false, 'a', undefined],
  ])('has a policy section: %s', async (_what, withPolicy, name, policy) => {
    const { invoke } = await setup(ALLOW, undefined, withPolicy);
    const { output } = await invoke(NAME, { entityRef: name });
    expect((output as { policy?: unknown }).policy).toEqual(policy);
    expect('policy' in (output as object)).toBe(withPolicy);
  });

  it('takes a short name, and says what was never collected', async () => {
    const { invoke } = await setup(ALLOW);
    const { output } = await invoke(NAME, { entityRef: 'e' });
    expect(output).toMatchObject({
      entityRef: 'component:default/e',
      tier: { status: 'invalid', id: 'x', title: null },
      sloStatus: 'no-slo',
      slos: { status: 'not-collected', items: [] },
      readiness: { status: 'not-evaluated', missing: [], expiring: [] },
      scorecards: [],
      alertQuality: { pagingSource: null, headline: null },
    });
  });

  it('answers a denied entity as an unknown one, as the route does, without reading the catalog', async () => {
    const { invoke, http, catalog } = await setup(DENY);
    jest.spyOn(catalog, 'getEntityByRef');
    const denied = invoke(NAME, { entityRef: 'component:default/a' });
    await expect(denied).rejects.toThrow(NotFoundError);
    await expect(denied).rejects.toThrow(
      'No entity component:default/a found in the catalog',
    );
    expect((await http('/entities/component/default/a')).status).toBe(404);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('applies conditions per entity, as the route does', async () => {
    const { invoke, http } = await setup(TEAM_A_ONLY, TEAM_A_REFS);
    await expect(invoke(NAME, { entityRef: 'a' })).resolves.toBeDefined();
    await expect(invoke(NAME, { entityRef: 'c' })).rejects.toThrow(
      NotFoundError,
    );
    expect((await http('/entities/component/default/c')).status).toBe(404);
  });
});

describe('the entity-scoped actions with the entity index', () => {
  /** a (team-a) and c (team-b) indexed with their entity; the catalog down. */
  async function indexedSetup(read: PolicyDecision) {
    const made = await setup(read);
    const stored = (name: string) =>
      ENTITIES.find(e => e.metadata.name === name)!;
    await made.store.updateEntityIndex(
      [
        indexedEntity('a', { entity: stored('a') }),
        indexedEntity('c', { ownerRef: TEAM_B, entity: stored('c') }),
      ],
      [],
      AT,
    );
    jest
      .spyOn(made.catalog, 'getEntityByRef')
      .mockRejectedValue(new Error('catalog unreachable'));
    return made;
  }

  it.each([
    [SUMMARY, { entityRef: 'component:default/a' }],
    [GATE, { entityRef: 'component:default/a' }],
  ])(
    '%s reads an indexed entity from the index (the catalog down), as the route does',
    async (name, input) => {
      const { invoke, http } = await indexedSetup(ALLOW);
      const { output } = await invoke(name, input);
      expect(output).toMatchObject({ entityRef: ref('a') });
      expect((await http('/entities/component/default/a')).status).toBe(200);
    },
  );

  it.each([
    ['its owner', 'a', true],
    ['another team', 'c', false],
  ])(
    'applies an owner condition on the indexed entity: visible to %s or not',
    async (_who, name, visible) => {
      const { invoke, http } = await indexedSetup(TEAM_A_ONLY);
      const answer = visible
        ? ref(name)
        : `No entity ${ref(name)} found in the catalog`;
      for (const action of [SUMMARY, GATE]) {
        const got = await invoke(action, { entityRef: name }).then(
          r => (r.output as { entityRef: string }).entityRef,
          (e: Error) => e.message,
        );
        expect(got).toBe(answer);
      }
      expect((await http(`/entities/component/default/${name}`)).status).toBe(
        visible ? 200 : 404,
      );
    },
  );
});

describe('list-reliability-fleet', () => {
  const NAME = FLEET;

  it.each([
    ['every entity', ALLOW, undefined, 5],
    ['the entities a condition allows', TEAM_A_ONLY, TEAM_A_REFS, 3],
    ['nothing when denied', DENY, undefined, 0],
  ])('lists %s, as GET /fleet does', async (_what, read, allowed, total) => {
    const { invoke, http } = await setup(read, allowed);
    const { output } = await invoke(NAME, { limit: 2, sort: '-tier' });
    const page = await http('/fleet?limit=2&sort=-tier');
    expect(output).toEqual(page.body);
    expect((output as { totalCount: number }).totalCount).toBe(total);
  });

  it('filters by tier, SLO status and owner, and pages with the cursor', async () => {
    const { invoke, http } = await setup(ALLOW);
    const first = (await invoke(NAME, { owner: ['team-b'], limit: 1 }))
      .output as { items: Array<{ entityRef: string }>; nextCursor: string };
    expect(first.items.map(r => r.entityRef)).toEqual([ref('c')]);
    const second = await invoke(NAME, {
      owner: ['group:default/team-b'],
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second.output).toMatchObject({
      items: [{ entityRef: ref('d'), ownerRef: TEAM_B }],
      totalCount: 2,
    });
    const burning = await invoke(NAME, {
      tier: ['tier-1'],
      sloStatus: ['breaching', 'at-risk'],
    });
    expect(burning.output).toEqual(
      (await http('/fleet?tier=tier-1&sloStatus=breaching,at-risk')).body,
    );
    expect(
      (burning.output as { items: Array<{ entityRef: string }> }).items.map(
        r => r.entityRef,
      ),
    ).toEqual([ref('c')]);
  });
});

describe('list-reliability-fleet by policy state', () => {
  it.each([
    ['exhausted', ALLOW, undefined, [ref('a'), ref('b')]],
    ['ok', ALLOW, undefined, [ref('c')]],
    ['none', ALLOW, undefined, [ref('d'), ref('e')]],
    ['exhausted,ok', TEAM_A_ONLY, TEAM_A_REFS, [ref('a'), ref('b')]],
    ['exhausted', DENY, undefined, []],
  ])(
    'lists the entities in %s, as GET /fleet?policyState= does',
    async (states, read, allowed, refs) => {
      const { invoke, http } = await setup(read, allowed);
      const { output } = await invoke(FLEET, {
        policyState: states.split(','),
      });
      expect(output).toEqual((await http(`/fleet?policyState=${states}`)).body);
      const { items } = output as {
        items: Array<{ entityRef: string; policyState?: string }>;
      };
      expect(items.map(r => r.entityRef)).toEqual(refs);
      expect(
        items.every(r => states.split(',').includes(r.policyState ?? 'none')),
      ).toBe(true);
    },
  );
});

describe('get-deploy-gate', () => {
  const NAME = GATE;

  it.each([
    [
      'stops an exhausted entity',
      'a',
      { deployAllowed: false, state: 'exhausted', exceptions: [] },
    ],
    [
      'opens while an exception holds',
      'b',
      { deployAllowed: true, state: 'exhausted', exceptions: [EXCEPTION] },
    ],
    [
      'allows an ok entity',
      'c',
      { deployAllowed: true, state: 'ok', stale: false },
    ],
    [
      'fails open without a state',
      'd',
      { deployAllowed: true, state: null, stale: true, computedAt: null },
    ],
  ])('%s, with the answer of GET /gate', async (_what, name, expected) => {
    const { invoke, http } = await setup(ALLOW);
    const { output } = await invoke(NAME, { entityRef: name });
    const gate = await http(`/gate/component/default/${name}`);
    expect(gate.status).toBe(200);
    expect(output).toEqual(gate.body);
    expect(output).toMatchObject({ entityRef: ref(name), ...expected });
  });

  it.each([
    ['denied', DENY, undefined, 'a'],
    [
      'conditional, for an entity it does not allow',
      TEAM_A_ONLY,
      TEAM_A_REFS,
      'c',
    ],
  ])(
    'answers an entity the caller may not see as an unknown one (%s)',
    async (_what, read, allowed, name) => {
      const { invoke, http } = await setup(read, allowed);
      const call = invoke(NAME, { entityRef: name });
      await expect(call).rejects.toThrow(NotFoundError);
      await expect(call).rejects.toThrow(
        `No entity ${ref(name)} found in the catalog`,
      );
      expect((await http(`/gate/component/default/${name}`)).status).toBe(404);
    },
  );

  it('answers a conditional caller for an entity it allows', async () => {
    const { invoke } = await setup(TEAM_A_ONLY, TEAM_A_REFS);
    await expect(invoke(NAME, { entityRef: 'a' })).resolves.toMatchObject({
      output: { deployAllowed: false },
    });
  });
});

describe('list-owner-readiness-due', () => {
  const NAME = OWNER_DUE;

  it("lists the owner's overdue required items and expiring records", async () => {
    const { invoke } = await setup(ALLOW);
    expect((await invoke(NAME, { owner: 'team-a' })).output).toEqual({
      owner: TEAM_A,
      entities: 3,
      evaluated: 1,
      overdue: [
        {
          entityRef: ref('a'),
          tier: 'tier-1',
          itemId: 'runbook',
          title: 'Item runbook',
          kind: 'attested',
          state: 'missing',
          detail: 'The attestation expired on 2026-11-01',
          howToFix: 'Write the runbook and attest it',
        },
        {
          entityRef: ref('a'),
          tier: 'tier-1',
          itemId: 'docs',
          title: 'Item docs',
          kind: 'automatic',
          state: 'failed',
          detail: 'annotation missing',
        },
      ],
      overdueCount: 2,
      expiring: [
        {
          entityRef: ref('a'),
          tier: 'tier-1',
          itemId: 'oncall',
          title: 'Item oncall',
          record: 'attestation',
          expiresAt: '2026-12-03T00:00:00.000Z',
        },
      ],
      expiringCount: 1,
    });
    expect((await invoke(NAME, { owner: TEAM_B })).output).toMatchObject({
      entities: 2,
      overdue: [],
      expiring: [{ entityRef: ref('c'), record: 'exemption' }],
    });
  });

  it.each([
    ['denied', DENY, undefined, TEAM_A, 0],
    [
      'conditional, for an owner it allows',
      TEAM_A_ONLY,
      TEAM_A_REFS,
      TEAM_A,
      3,
    ],
    ['conditional, for another owner', TEAM_A_ONLY, TEAM_A_REFS, TEAM_B, 0],
  ])(
    'covers only entities the caller may see (%s)',
    async (_what, read, allowed, owner, entities) => {
      const { invoke } = await setup(read, allowed);
      const { output } = await invoke(NAME, { owner });
      const visible = (list: Array<{ entityRef: string }>) =>
        list.every(i => allowed?.has(i.entityRef) ?? read === ALLOW);
      expect(output).toMatchObject({ owner, entities });
      const { overdue, expiring } = output as Record<
        'overdue' | 'expiring',
        Array<{ entityRef: string }>
      >;
      expect(visible(overdue) && visible(expiring)).toBe(true);
      expect(overdue.length + expiring.length > 0).toBe(entities > 0);
    },
  );

  it('limits each list', async () => {
    const { invoke } = await setup(ALLOW);
    expect(
      (await invoke(NAME, { owner: TEAM_A, limit: 1 })).output,
    ).toMatchObject({ overdue: [{ itemId: 'runbook' }], overdueCount: 2 });
  });
});

describe('bad input', () => {
  it.each([
    [SUMMARY, 'no entityRef', {}, 'Invalid input'],
    [SUMMARY, 'an empty one', { entityRef: '' }, 'Invalid input'],
    [SUMMARY, 'a number', { entityRef: 7 }, 'Invalid input'],
    [SUMMARY, 'an unknown field', { entityRef: 'a', x: 1 }, 'Invalid input'],
    [
      SUMMARY,
      'a malformed reference',
      { entityRef: 'component:default/a/b' },
      'Invalid entity name',
    ],
    [
      SUMMARY,
      'a name with spaces',
      { entityRef: 'no such thing' },
      'Invalid entity',
    ],
    [FLEET, 'a limit above 100', { limit: 101 }, 'Invalid input'],
    [FLEET, 'an unknown status', { sloStatus: ['burning'] }, 'Invalid input'],
    [FLEET, 'an unknown sort', { sort: 'owner' }, 'Invalid input'],
    [FLEET, 'an unknown field', { team: 'x' }, 'Invalid input'],
    [
      FLEET,
      'a forged cursor',
      { cursor: 'abc' },
      'not a cursor of this listing',
    ],
    [FLEET, 'a bad owner', { owner: ['group:'] }, 'Invalid input "owner"'],
    [
      FLEET,
      'a bad policy state',
      { policyState: ['Frozen!'] },
      'Invalid input',
    ],
    [GATE, 'no entityRef', {}, 'Invalid input'],
    [
      GATE,
      'an unknown field',
      { entityRef: 'a', force: true },
      'Invalid input',
    ],
    [
      GATE,
      'a malformed reference',
      { entityRef: 'component:' },
      'Invalid input "entityRef"',
    ],
    [OWNER_DUE, 'no owner', {}, 'Invalid input'],
    [OWNER_DUE, 'a limit of 0', { owner: TEAM_A, limit: 0 }, 'Invalid input'],
    [
      OWNER_DUE,
      'a malformed owner',
      { owner: 'group:' },
      'Invalid input "owner"',
    ],
  ])(
    '%s: rejects %s with an InputError',
    async (name, _what, input, message) => {
      const { invoke } = await setup(ALLOW);
      const call = invoke(name, input);
      await expect(call).rejects.toThrow(InputError);
      await expect(call).rejects.toThrow(message);
    },
  );
});
