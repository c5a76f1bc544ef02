import request from 'supertest';
import { testDatabases } from '../__testUtils__/testDatabases';
import {
  DEV,
  MANAGER,
  TEAM_A,
  TEAM_A_USER,
  TEAM_B,
  RUNBOOKS_FLEET,
  as,
  call,
  campaignHarness,
  campaignInput,
  refOf,
  refsOf,
} from './__testUtils__/campaignHarness';

const databases = testDatabases();
const NOW = '2026-03-10T12:00:00.000Z';

const FLEET = RUNBOOKS_FLEET;

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
    const created = await call(app, 'post', '/campaigns', MANAGER).send(
      campaignInput({ id: 'runbooks-q1' }),
    );
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

    const one = await call(app, 'get', '/campaigns/runbooks-q1', DEV);
    expect(one.status).toBe(200);
    expect(one.body.progress).toMatchObject({
      inScope: 4,
      done: 2,
      notDone: 2,
      exempt: 0,
      joined: 0,
      left: 0,
      doneShare: 0.5,
    });

    const list = await call(app, 'get', '/campaigns', DEV);
    expect(
      list.body.items.map((i: any) => [i.campaign.id, i.campaign.source]),
    ).toEqual([
      ['from-config', 'config'],
      ['runbooks-q1', 'api'],
    ]);

    const entities = await call(
      app,
      'get',
      '/campaigns/runbooks-q1/entities?status=not-done',
      DEV,
    );
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
    const res = await call(
      app,
      'get',
      '/fleet?campaign=from-config&sort=entityRef',
      DEV,
    );
    expect(res.status).toBe(200);
    expect(refsOf(res)).toEqual([refOf('payments'), refOf('search')]);
    expect(res.body.totalCount).toBe(2);
    const unknown = await call(app, 'get', '/fleet?campaign=nope', DEV);
    expect(unknown.status).toBe(404);
  });

  it('pages the drill-down by owner and shows only visible entities', async () => {
    const { app } = await setup();
    await call(app, 'post', '/campaigns', MANAGER).send(
      campaignInput({ id: 'all', audience: {} }),
    );
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        app,
        'get',
        `/campaigns/all/entities?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        DEV,
      );
      expect(page.body.totalCount).toBe(5);
      pages.push(refsOf(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([
      [refOf('checkout'), refOf('payments')],
      [refOf('docs'), refOf('search')],
      [refOf('ledger')],
    ]);

    const teamA = await call(
      app,
      'get',
      '/campaigns/all/entities',
      TEAM_A_USER,
    );
    expect(refsOf(teamA)).toEqual([refOf('checkout'), refOf('payments')]);
    const bad = await call(
      app,
      'get',
      '/campaigns/all/entities?cursor=nonsense',
      DEV,
    );
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
    for (const pending of calls) {
      const res = await pending.set('authorization', as(DEV));
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
    const res = await call(app, 'post', '/campaigns', MANAGER).send({
      ...campaignInput(),
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('refuses to change a config campaign (409) but exempts from it', async () => {
    const { app, knex } = await setup();
    const put = await call(app, 'put', '/campaigns/from-config', MANAGER).send(
      campaignInput({ id: 'from-config' }),
    );
    expect(put.status).toBe(409);
    expect(put.body.error.message).toContain('declared in app-config');
    const end = await call(app, 'post', '/campaigns/from-config/end', MANAGER);
    expect(end.status).toBe(409);
    const taken = await call(app, 'post', '/campaigns', MANAGER).send(
      campaignInput({ id: 'from-config' }),
    );
    expect(taken.status).toBe(409);

    const exempt = await call(
      app,
      'post',
      '/campaigns/from-config/exemptions',
      MANAGER,
    ).send({ entityRef: 'payments', reason: 'Decommissioned in April' });
    expect(exempt.status).toBe(201);
    expect(exempt.body).toMatchObject({ entityRef: refOf('payments') });
    const progress = (await call(app, 'get', '/campaigns/from-config', DEV))
      .body.progress;
    expect(progress).toMatchObject({
      inScope: 4,
      done: 2,
      notDone: 1,
      exempt: 1,
      doneShare: 2 / 3,
    });
    const rows = await call(
      app,
      'get',
      '/campaigns/from-config/entities?status=exempt',
      DEV,
    );
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
    await call(app, 'post', '/campaigns', MANAGER).send(
      campaignInput({ id: 'c1', published: false }),
    );
    const edited = await call(app, 'put', '/campaigns/c1', MANAGER).send(
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

    const early = await call(
      app,
      'post',
      '/campaigns/c1/promote',
      MANAGER,
    ).send({ kind: 'readiness', id: 'tier-2' });
    expect(early.status).toBe(409);

    const ended = await call(app, 'post', '/campaigns/c1/end', MANAGER);
    expect(ended.body).toMatchObject({ state: 'ended', endedAt: NOW });
    const again = await call(app, 'post', '/campaigns/c1/end', MANAGER);
    expect(again.status).toBe(409);

    const unknownTier = await call(
      app,
      'post',
      '/campaigns/c1/promote',
      MANAGER,
    ).send({ kind: 'readiness', id: 'tier-9' });
    expect(unknownTier.status).toBe(400);
    expect(unknownTier.body.error.message).toContain('"id" is an unknown tier');
    const noChecks = await call(
      app,
      'post',
      '/campaigns/c1/promote',
      MANAGER,
    ).send({ kind: 'scorecard', id: 'golden', level: 'gold' });
    expect(noChecks.status).toBe(400);

    for (let i = 0; i < 2; i++) {
      const promoted = await call(
        app,
        'post',
        '/campaigns/c1/promote',
        MANAGER,
      ).send({ kind: 'readiness', id: 'tier-2' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({
        promotedAt: NOW,
        promotedTo: { kind: 'readiness', id: 'tier-2' },
      });
    }
    const other = await call(
      app,
      'post',
      '/campaigns/c1/promote',
      MANAGER,
    ).send({ kind: 'readiness', id: 'tier-3' });
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
    await call(app, 'post', '/campaigns', MANAGER).send(
      campaignInput({ id: 'draft', published: false }),
    );
    // the scheduled task records the config campaign's audience
    await feature.task.run();
    const res = await call(
      app,
      'get',
      '/entity/component/default/payments/campaigns',
      DEV,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i: any) => [
        i.campaign.id,
        i.status,
        i.missing,
        i.dueInDays,
      ]),
    ).toEqual([['from-config', 'not-done', ['Runbooks'], 19]]);
    const outside = await call(
      app,
      'get',
      '/entity/component/default/docs/campaigns',
      DEV,
    );
    expect(outside.body.items).toEqual([]);
    const missing = await call(app, 'get', '/campaigns/nope', DEV);
    expect(missing.status).toBe(404);
  });
});
