import request from 'supertest';
import { testDatabases } from '../__testUtils__/testDatabases';
import {
  DEV,
  MANAGER,
  TEAM_A,
  TEAM_A_USER,
  TEAM_B,
  TestEntity,
  as,
  campaignHarness,
  campaignInput,
  refOf,
} from './__testUtils__/campaignHarness';

const databases = testDatabases();
const NOW = '2026-03-10T12:00:00.000Z';

const FLEET: TestEntity[] = [
  {
    name: 'checkout',
    owner: TEAM_A,
    tier: 'tier-1',
    readiness: { runbooks: 'passed' },
  },
  {
    name: 'payments',
    owner: TEAM_A,
    tier: 'tier-1',
    readiness: { runbooks: 'failed' },
  },
  {
    name: 'search',
    owner: TEAM_B,
    tier: 'tier-1',
    readiness: { runbooks: 'not-required' },
  },
  {
    name: 'docs',
    owner: TEAM_B,
    tier: 'tier-3',
    readiness: { runbooks: 'failed' },
  },
];

const CONFIG = {
  campaigns: [
    {
      ...campaignInput({ id: 'from-config', title: 'Declared in config' }),
    },
  ],
};

describe.each(databases.eachSupportedId())('campaign routes on %s', id => {
  const setup = () =>
    campaignHarness(databases, id, {
      now: NOW,
      entities: FLEET,
      config: CONFIG,
    });

  it('creates a campaign, computes its progress from stored results and lists it', async () => {
    const { app } = await setup();
    const created = await request(app)
      .post('/campaigns')
      .set('authorization', as(MANAGER))
      .send(campaignInput({ id: 'runbooks-q1' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'runbooks-q1',
      state: 'active',
      source: 'api',
      createdBy: MANAGER,
      timeZone: 'Europe/Berlin',
      // the end of 2026-03-29 in Berlin (summer time starts that day)
      dueAt: '2026-03-29T22:00:00.000Z',
      reminders: { everyDays: 7, finalDays: 7, finalEveryDays: 1 },
    });

    const one = await request(app)
      .get('/campaigns/runbooks-q1')
      .set('authorization', as(DEV));
    expect(one.status).toBe(200);
    expect(one.body.progress).toMatchObject({
      inScope: 3,
      done: 1,
      notDone: 2,
      exempt: 0,
      joined: 0,
      left: 0,
      doneShare: 1 / 3,
    });

    const list = await request(app)
      .get('/campaigns')
      .set('authorization', as(DEV));
    expect(
      list.body.items.map((i: any) => [i.campaign.id, i.campaign.source]),
    ).toEqual([
      ['from-config', 'config'],
      ['runbooks-q1', 'api'],
    ]);

    const entities = await request(app)
      .get('/campaigns/runbooks-q1/entities?status=not-done')
      .set('authorization', as(DEV));
    expect(entities.body).toEqual({
      items: [
        {
          entityRef: refOf('payments'),
          ownerRef: TEAM_A,
          tier: 'tier-1',
          status: 'not-done',
          missing: ['Runbooks'],
        },
        {
          entityRef: refOf('search'),
          ownerRef: TEAM_B,
          tier: 'tier-1',
          status: 'not-done',
          missing: ['Runbooks'],
        },
      ],
      left: [],
      totalCount: 2,
    });
  });

  it('filters the fleet to the entities not done for a campaign', async () => {
    const { app, feature } = await setup();
    await feature.task.run();
    const res = await request(app)
      .get('/fleet?campaign=from-config&sort=entityRef')
      .set('authorization', as(DEV));
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.entityRef)).toEqual([
      refOf('payments'),
      refOf('search'),
    ]);
    expect(res.body.totalCount).toBe(2);
    const unknown = await request(app)
      .get('/fleet?campaign=nope')
      .set('authorization', as(DEV));
    expect(unknown.status).toBe(404);
  });

  it('pages the drill-down by owner and shows only visible entities', async () => {
    const { app } = await setup();
    await request(app)
      .post('/campaigns')
      .set('authorization', as(MANAGER))
      .send(campaignInput({ id: 'all', audience: {} }));
    const first = await request(app)
      .get('/campaigns/all/entities?limit=2')
      .set('authorization', as(DEV));
    expect(first.body.items.map((r: any) => r.entityRef)).toEqual([
      refOf('checkout'),
      refOf('payments'),
    ]);
    expect(first.body.totalCount).toBe(4);
    const second = await request(app)
      .get(`/campaigns/all/entities?limit=2&cursor=${first.body.nextCursor}`)
      .set('authorization', as(DEV));
    expect(second.body.items.map((r: any) => r.entityRef)).toEqual([
      refOf('docs'),
      refOf('search'),
    ]);
    expect(second.body.nextCursor).toBeUndefined();

    const teamA = await request(app)
      .get('/campaigns/all/entities')
      .set('authorization', as(TEAM_A_USER));
    expect(teamA.body.items.map((r: any) => r.entityRef)).toEqual([
      refOf('checkout'),
      refOf('payments'),
    ]);
    const bad = await request(app)
      .get('/campaigns/all/entities?cursor=nonsense')
      .set('authorization', as(DEV));
    expect(bad.status).toBe(400);
  });

  it('refuses writes without reliability.campaign.manage (403)', async () => {
    const { app } = await setup();
    const calls = [
      request(app).post('/campaigns').send(campaignInput()),
      request(app).put('/campaigns/from-config').send(campaignInput()),
      request(app).post('/campaigns/from-config/end'),
      request(app)
        .post('/campaigns/from-config/exemptions')
        .send({ entityRef: refOf('search'), reason: 'Decommissioned soon' }),
      request(app)
        .post('/campaigns/from-config/promote')
        .send({ kind: 'readiness', id: 'tier-2' }),
    ];
    for (const call of calls) {
      const res = await call.set('authorization', as(DEV));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('reliability.campaign.manage');
    }
  });

  it.each([
    [
      { audience: { tiers: ['tier-9'] } },
      '"audience.tiers.0" is an unknown tier "tier-9"',
    ],
    [
      { target: { readinessItems: ['nope'] } },
      '"target.readinessItems.0" is an unknown readiness item "nope"',
    ],
    [
      {
        target: {
          scorecardChecks: [{ scorecardId: 'golden', checkId: 'nope' }],
        },
      },
      '"target.scorecardChecks.0.checkId" is not a check of the scorecard "golden"',
    ],
    [
      { target: { scorecardLevel: { scorecardId: 'nope', level: 'gold' } } },
      '"target.scorecardLevel.scorecardId" is an unknown scorecard "nope"',
    ],
    [
      {
        target: {
          scorecardLevel: { scorecardId: 'golden', level: 'platinum' },
        },
      },
      '"target.scorecardLevel.level" is not a level of the scorecard "golden"',
    ],
    [{ target: {} }, '"target" must name readiness items'],
    [
      { dueDate: '2026-03-01' },
      '"dueDate" must not be before the startDate 2026-03-02',
    ],
    [{ dueDate: '2026-02-30' }, '"dueDate" must be a day YYYY-MM-DD'],
    [{ timeZone: 'Mars/Olympus' }, '"timeZone" must be an IANA time zone'],
    [{ id: 'Not An Id' }, '"id" must be lowercase letters, digits and dashes'],
    [{ title: '' }, '"title"'],
  ])('bad input %j is a 400 naming the field', async (change, message) => {
    const { app } = await setup();
    const res = await request(app)
      .post('/campaigns')
      .set('authorization', as(MANAGER))
      .send({ ...campaignInput(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('refuses to change a config campaign (409) but exempts from it', async () => {
    const { app, knex } = await setup();
    const put = await request(app)
      .put('/campaigns/from-config')
      .set('authorization', as(MANAGER))
      .send(campaignInput({ id: 'from-config' }));
    expect(put.status).toBe(409);
    expect(put.body.error.message).toContain('declared in app-config');
    const end = await request(app)
      .post('/campaigns/from-config/end')
      .set('authorization', as(MANAGER));
    expect(end.status).toBe(409);
    const taken = await request(app)
      .post('/campaigns')
      .set('authorization', as(MANAGER))
      .send(campaignInput({ id: 'from-config' }));
    expect(taken.status).toBe(409);

    const exempt = await request(app)
      .post('/campaigns/from-config/exemptions')
      .set('authorization', as(MANAGER))
      .send({ entityRef: 'payments', reason: 'Decommissioned in April' });
    expect(exempt.status).toBe(201);
    expect(exempt.body).toMatchObject({ entityRef: refOf('payments') });
    const progress = (
      await request(app)
        .get('/campaigns/from-config')
        .set('authorization', as(DEV))
    ).body.progress;
    expect(progress).toMatchObject({
      inScope: 3,
      done: 1,
      notDone: 1,
      exempt: 1,
      doneShare: 0.5,
    });
    const rows = await request(app)
      .get('/campaigns/from-config/entities?status=exempt')
      .set('authorization', as(DEV));
    expect(rows.body.items[0]).toMatchObject({
      entityRef: refOf('payments'),
      exemptReason: 'Decommissioned in April',
    });
    const audit = await knex('reliability_audit_log').where(
      'action',
      'campaign.exempt',
    );
    expect(audit.map(a => [a.entity_ref, a.target, a.actor])).toEqual([
      [refOf('payments'), 'campaign:from-config', MANAGER],
    ]);
  });

  it('edits, ends and promotes with audit entries; promotion is idempotent', async () => {
    const { app, knex } = await setup();
    await request(app)
      .post('/campaigns')
      .set('authorization', as(MANAGER))
      .send(campaignInput({ id: 'c1', published: false }));
    const edited = await request(app)
      .put('/campaigns/c1')
      .set('authorization', as(MANAGER))
      .send(
        campaignInput({
          id: 'c1',
          title: 'Runbooks everywhere',
          published: true,
        }),
      );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Runbooks everywhere',
      state: 'active',
    });

    const early = await request(app)
      .post('/campaigns/c1/promote')
      .set('authorization', as(MANAGER))
      .send({ kind: 'readiness', id: 'tier-2' });
    expect(early.status).toBe(409);

    const ended = await request(app)
      .post('/campaigns/c1/end')
      .set('authorization', as(MANAGER));
    expect(ended.body).toMatchObject({ state: 'ended', endedAt: NOW });
    const again = await request(app)
      .post('/campaigns/c1/end')
      .set('authorization', as(MANAGER));
    expect(again.status).toBe(409);

    const unknownTier = await request(app)
      .post('/campaigns/c1/promote')
      .set('authorization', as(MANAGER))
      .send({ kind: 'readiness', id: 'tier-9' });
    expect(unknownTier.status).toBe(400);
    expect(unknownTier.body.error.message).toContain('"id" is an unknown tier');
    const noChecks = await request(app)
      .post('/campaigns/c1/promote')
      .set('authorization', as(MANAGER))
      .send({ kind: 'scorecard', id: 'golden', level: 'gold' });
    expect(noChecks.status).toBe(400);

    for (let i = 0; i < 2; i++) {
      const promoted = await request(app)
        .post('/campaigns/c1/promote')
        .set('authorization', as(MANAGER))
        .send({ kind: 'readiness', id: 'tier-2' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({
        promotedAt: NOW,
        promotedTo: { kind: 'readiness', id: 'tier-2' },
      });
    }
    const other = await request(app)
      .post('/campaigns/c1/promote')
      .set('authorization', as(MANAGER))
      .send({ kind: 'readiness', id: 'tier-3' });
    expect(other.status).toBe(409);

    const audit = await knex('reliability_audit_log')
      .where('target', 'campaign:c1')
      .orderBy('id');
    expect(audit.map(a => [a.action, a.actor])).toEqual([
      ['campaign.create', MANAGER],
      ['campaign.update', MANAGER],
      ['campaign.end', MANAGER],
      ['campaign.promote', MANAGER],
    ]);
  });

  it('shows the campaigns of an entity with due in days', async () => {
    const { app, feature } = await setup();
    await request(app)
      .post('/campaigns')
      .set('authorization', as(MANAGER))
      .send(campaignInput({ id: 'draft', published: false }));
    // the scheduled task records the config campaign's audience
    await feature.task.run();
    const res = await request(app)
      .get('/entity/component/default/payments/campaigns')
      .set('authorization', as(DEV));
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i: any) => [
        i.campaign.id,
        i.status,
        i.missing,
        i.dueInDays,
      ]),
    ).toEqual([['from-config', 'not-done', ['Runbooks'], 19]]);
    const outside = await request(app)
      .get('/entity/component/default/docs/campaigns')
      .set('authorization', as(DEV));
    expect(outside.body.items).toEqual([]);
    const missing = await request(app)
      .get('/campaigns/nope')
      .set('authorization', as(DEV));
    expect(missing.status).toBe(404);
  });
});
