import {
  CampaignEntityResults,
  campaignProgressOf,
  evaluateCampaignEntity,
  matchesCampaignAudience,
} from './campaignStatus';

const facts = {
  kind: 'component',
  tier: 'tier-1',
  ownerRef: 'group:default/payments',
  systemRef: 'system:default/shop',
  lifecycle: 'production',
  tags: ['java', 'pci'],
};

const results: CampaignEntityResults = {
  readiness: [
    { id: 'runbook', title: 'Runbook', state: 'passed' },
    { id: 'backup', title: 'Backup restore', state: 'attested' },
    { id: 'dr', title: 'DR test', state: 'not-required' },
    { id: 'oncall', title: 'On-call', state: 'exempt' },
  ],
  scorecards: [
    {
      scorecardId: 'golden',
      title: 'Golden path',
      level: 'silver',
      checks: [
        { checkId: 'ci', title: 'CI template', state: 'passed' },
        { checkId: 'burn', title: 'Burn-rate alerts', state: 'failed' },
        { checkId: 'sbom', title: 'SBOM', state: 'exempt' },
      ],
    },
  ],
};
const levelOrder = (id: string) =>
  id === 'golden' ? ['bronze', 'silver', 'gold'] : undefined;

describe('campaign status', () => {
  it.each([
    [{}, true],
    [{ tiers: ['TIER-1', 'tier-2'] }, true],
    [{ tiers: ['tier-2'] }, false],
    [{ owners: ['group:default/payments'], kinds: ['component'] }, true],
    [{ owners: ['group:default/payments'], kinds: ['api'] }, false],
    [{ systems: ['system:default/shop'] }, true],
    [{ lifecycles: ['experimental'] }, false],
    [{ tags: ['go', 'pci'] }, true],
    [{ tags: ['go'] }, false],
  ])('audience %j matches: %s', (audience, expected) => {
    expect(matchesCampaignAudience(audience, facts)).toBe(expected);
  });

  it('an entity without tier never matches a tier audience', () => {
    expect(
      matchesCampaignAudience({ tiers: ['tier-1'] }, { ...facts, tier: null }),
    ).toBe(false);
  });

  it.each([
    [{ readinessItems: ['runbook', 'backup'] }, 'done', []],
    [{ readinessItems: ['runbook', 'dr'] }, 'not-done', ['DR test']],
    [{ readinessItems: ['runbook', 'oncall'] }, 'exempt', []],
    [{ readinessItems: ['unknown'] }, 'not-done', ['unknown']],
    [
      { scorecardChecks: [{ scorecardId: 'golden', checkId: 'ci' }] },
      'done',
      [],
    ],
    [
      { scorecardChecks: [{ scorecardId: 'golden', checkId: 'burn' }] },
      'not-done',
      ['Burn-rate alerts'],
    ],
    [
      { scorecardChecks: [{ scorecardId: 'golden', checkId: 'sbom' }] },
      'exempt',
      [],
    ],
    [
      { scorecardLevel: { scorecardId: 'golden', level: 'bronze' } },
      'done',
      [],
    ],
    [
      { scorecardLevel: { scorecardId: 'golden', level: 'silver' } },
      'done',
      [],
    ],
    [
      { scorecardLevel: { scorecardId: 'golden', level: 'gold' } },
      'not-done',
      ['Golden path: level gold'],
    ],
    [
      {
        readinessItems: ['dr'],
        scorecardLevel: { scorecardId: 'golden', level: 'gold' },
      },
      'not-done',
      ['DR test', 'Golden path: level gold'],
    ],
  ] as const)('target %j is %s', (target, status, missing) => {
    expect(
      evaluateCampaignEntity(target as any, results, { levelOrder }),
    ).toEqual({ status, missing });
  });

  it('without stored results everything is missing', () => {
    expect(
      evaluateCampaignEntity(
        { scorecardLevel: { scorecardId: 'golden', level: 'bronze' } },
        undefined,
        { levelOrder },
      ),
    ).toEqual({ status: 'not-done', missing: ['golden: level bronze'] });
  });

  it('a campaign exemption wins', () => {
    expect(
      evaluateCampaignEntity({ readinessItems: ['dr'] }, results, {
        levelOrder,
        campaignExempt: true,
      }),
    ).toEqual({ status: 'exempt', missing: [] });
  });

  it.each([
    [{ done: 3, notDone: 1, exempt: 1 }, 5, 0.75],
    [{ done: 0, notDone: 0, exempt: 2 }, 2, null],
    [{ done: 0, notDone: 0, exempt: 0 }, 0, null],
  ])('progress of %j', (counts, inScope, doneShare) => {
    const p = campaignProgressOf(
      { ...counts, joined: 1, left: 2 },
      new Date('2026-03-10T00:00:00Z'),
    );
    expect(p).toMatchObject({ inScope, doneShare, joined: 1, left: 2 });
  });
});
