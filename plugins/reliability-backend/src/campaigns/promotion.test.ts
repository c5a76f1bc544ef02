import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EntityReadiness,
  ScorecardResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReadinessStore } from '../readiness/DatabaseReadinessStore';
import { ReadinessEvaluator } from '../readiness/ReadinessEvaluator';
import { fixedClock } from '../lib/Clock';
import { applyPromotions } from './applyPromotions';
import { CampaignPromotion } from './CampaignStore';
import * as fx from './__testUtils__/campaignHarness';

const databases = testDatabases();
const NOW = '2026-04-10T12:00:00.000Z';

const promotion = (p: Partial<CampaignPromotion>): CampaignPromotion => ({
  campaignId: 'c',
  kind: 'readiness',
  targetId: 'tier-2',
  readinessItems: [],
  scorecardChecks: [],
  promotedBy: fx.MANAGER,
  promotedAt: NOW,
  ...p,
});

describe('applyPromotions', () => {
  const tiersOf = (config: typeof fx.CHECKS, id: string) =>
    config.readiness.find(i => i.id === id)!.tiers;
  const levelsOf = (config: typeof fx.CHECKS) =>
    config.scorecards[0].levels.map(l => [l.id, l.checks.map(c => c.check)]);

  it.each([
    [[], ['tier-1']],
    [[promotion({ readinessItems: ['runbooks'] })], ['tier-1', 'tier-2']],
    [
      [promotion({ readinessItems: ['runbooks'], targetId: 'tier-1' })],
      ['tier-1'],
    ],
    [[promotion({ readinessItems: ['gone'] })], ['tier-1']],
  ])('readiness promotions %j make runbooks required for %j', (ps, tiers) => {
    expect(tiersOf(applyPromotions(fx.CHECKS, ps), 'runbooks')).toEqual(tiers);
  });

  it.each([
    [
      promotion({
        kind: 'scorecard',
        targetId: 'golden',
        level: 'bronze',
        scorecardChecks: ['sbom'],
      }),
      [
        ['bronze', ['ci', 'sbom']],
        ['silver', ['burn']],
        ['gold', []],
      ],
    ],
    [
      promotion({
        kind: 'scorecard',
        targetId: 'golden',
        level: 'nope',
        scorecardChecks: ['sbom'],
      }),
      [
        ['bronze', ['ci']],
        ['silver', ['burn']],
        ['gold', ['sbom']],
      ],
    ],
    [
      promotion({
        kind: 'scorecard',
        targetId: 'golden',
        level: 'silver',
        scorecardChecks: ['unknown'],
      }),
      [
        ['bronze', ['ci']],
        ['silver', ['burn']],
        ['gold', ['sbom']],
      ],
    ],
  ])('scorecard promotion %j gives levels %j', (p, levels) => {
    expect(levelsOf(applyPromotions(fx.CHECKS, [p]))).toEqual(levels);
    // the configuration itself is unchanged
    expect(levelsOf(fx.CHECKS)).toEqual([
      ['bronze', ['ci']],
      ['silver', ['burn']],
      ['gold', ['sbom']],
    ]);
  });
});

describe.each(databases.eachSupportedId())('promotion on %s', id => {
  it('the readiness evaluator requires a promoted item of the tier', async () => {
    const h = await fx.campaignHarness(databases, id, {
      now: NOW,
      entities: [{ name: 'cart', owner: fx.TEAM_A, tier: 'tier-2' }],
    });
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'cart', namespace: 'default' },
      spec: { type: 'service', owner: fx.TEAM_A },
      relations: [{ type: 'ownedBy', targetRef: fx.TEAM_A }],
    };
    await h.store.replaceEntityIndex(
      [
        {
          entityRef: fx.refOf('cart'),
          kind: 'component',
          namespace: 'default',
          name: 'cart',
          ownerRef: fx.TEAM_A,
          tier: 'tier-2',
          tierStatus: 'ok',
        },
      ],
      NOW,
    );
    const readinessStore = await DatabaseReadinessStore.create({
      database: { getClient: async () => h.knex },
    });
    const evaluator = new ReadinessEvaluator({
      catalog: catalogServiceMock({ entities: [entity] }),
      auth: mockServices.auth(),
      store: h.store,
      readinessStore,
      config: fx.CHECKS,
      promotions: h.feature.store,
      tierModel: fx.TIER_MODEL,
      logger: mockServices.logger.mock(),
      clock: fixedClock(NOW),
    });
    const runbooks = async () => {
      await evaluator.run();
      const section = (
        await h.store.readSectionOf('readiness', [fx.refOf('cart')])
      ).get(fx.refOf('cart'))!;
      const readiness = section.items[0] as EntityReadiness;
      return readiness.items.find(i => i.id === 'runbooks')!;
    };
    expect(await runbooks()).toMatchObject({
      required: false,
      state: 'not-required',
    });

    // a campaign for tier-2 runbooks, ended early and promoted
    await fx.call(h.app, 'post', '/campaigns', fx.MANAGER).send(
      fx.campaignInput({
        id: 'tier-2-runbooks',
        audience: { tiers: ['tier-2'] },
        startDate: '2026-04-01',
        dueDate: '2026-04-30',
      }),
    );
    await fx.call(h.app, 'post', '/campaigns/tier-2-runbooks/end', fx.MANAGER);
    const promoted = await fx
      .call(h.app, 'post', '/campaigns/tier-2-runbooks/promote', fx.MANAGER)
      .send({ kind: 'readiness', id: 'tier-2' });
    expect(promoted.status).toBe(200);

    expect(await runbooks()).toMatchObject({ required: true, state: 'failed' });
    expect(
      evaluator.config.readiness.find(i => i.id === 'runbooks')!.tiers,
    ).toEqual(['tier-1', 'tier-2']);
    const scorecards = (
      await h.store.readSectionOf('scorecards', [fx.refOf('cart')])
    ).get(fx.refOf('cart'))!.items as ScorecardResult[];
    expect(scorecards.map(s => s.scorecardId)).toEqual(['golden']);
  });
});
