import { testDatabases } from '../__testUtils__/testDatabases';
import {
  DEV,
  TEAM_A,
  TEAM_B,
  call,
  campaignHarness,
} from './__testUtils__/campaignHarness';

const databases = testDatabases();
const NOW = '2026-06-15T09:00:00.000Z';

describe.each(databases.eachSupportedId())('demo campaigns on %s', id => {
  it('seeds one behind and one ended and promoted campaign relative to the clock, once', async () => {
    const h = await campaignHarness(databases, id, {
      now: NOW,
      config: { demo: { enabled: true } },
      entities: [
        {
          name: 'a',
          owner: TEAM_A,
          tier: 'tier-1',
          golden: { level: 'gold', checks: {} },
        },
        {
          name: 'b',
          owner: TEAM_A,
          tier: 'tier-1',
          golden: { level: 'bronze', checks: {} },
        },
        {
          name: 'c',
          owner: TEAM_B,
          tier: 'tier-1',
          golden: { level: null, checks: {} },
        },
        {
          name: 'd',
          owner: TEAM_B,
          tier: 'tier-3',
          readiness: { runbooks: 'passed' },
        },
      ],
    });
    await h.feature.run();
    await h.feature.run();
    const list = await call(h.app, 'get', '/campaigns', DEV);
    // the test checks have no `owner` item: that demo campaign is skipped
    expect(
      list.body.items.map((i: any) => [
        i.campaign.id,
        i.campaign.state,
        i.campaign.dueAt,
        i.progress.done,
        i.progress.inScope,
        i.campaign.promotedTo ?? null,
      ]),
    ).toEqual([
      ['demo-gold', 'active', '2026-06-19T00:00:00.000Z', 1, 3, null],
      [
        'demo-runbooks',
        'ended',
        '2026-06-06T00:00:00.000Z',
        1,
        1,
        { kind: 'readiness', id: 'tier-3' },
      ],
    ]);
    const history = await call(
      h.app,
      'get',
      '/campaigns/demo-gold/history',
      DEV,
    );
    expect(history.body.points).toHaveLength(51);
    expect(history.body.points[0]).toEqual({
      day: '2026-04-26',
      inScope: 3,
      done: 0,
      exempt: 0,
    });
    expect(history.body.points[50]).toEqual({
      day: '2026-06-15',
      inScope: 3,
      done: 1,
      exempt: 0,
    });
    const audit = await h.knex('reliability_audit_log').where('actor', 'demo');
    expect(audit.map(a => a.action).sort()).toEqual([
      'campaign.create',
      'campaign.create',
      'campaign.promote',
    ]);
  });
});
