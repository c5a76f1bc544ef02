import { TierDefinition } from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfigError } from './ChecksConfigError';
import { parseChecksConfig, RawChecksConfig } from './parseChecksConfig';

const tier = (
  id: string,
  requiredReadiness: string[] = [],
): TierDefinition => ({
  id,
  title: id,
  description: id,
  requiredReadiness,
});

const TIERS = [tier('tier-1'), tier('tier-2')];

type Raw = {
  checks: Array<Record<string, any>>;
  readiness: Record<string, any>;
  scorecards: Array<Record<string, any>>;
  goldenPathScorecard?: unknown;
};

function base(): Raw {
  return {
    checks: [
      {
        id: 'techdocs',
        title: 'TechDocs',
        description: '  Has docs  ',
        howToFix: 'Add `backstage.io/techdocs-ref`.',
        rule: { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
      },
      {
        id: 'slo-objective',
        title: 'SLO objective',
        rule: {
          fact: 'reliability.lowestObjective',
          gte: { fact: 'reliability.tierMinimumObjective' },
        },
      },
      { id: 'ci-template', title: 'CI template', pushed: true, maxAgeDays: 7 },
      {
        id: 'coverage',
        title: 'Coverage',
        pushed: true,
        rule: {
          all: [
            { fact: 'push.coverage.value', gte: 80 },
            { fact: 'push.ci-template.passed', equals: true },
          ],
        },
      },
    ],
    readiness: {
      items: [
        { id: 'docs', title: 'Docs', kind: 'automatic', check: 'techdocs' },
        {
          id: 'load-test',
          title: 'Load test',
          group: 'Performance',
          kind: 'attested',
          tiers: ['tier-2', 'tier-1', 'tier-1'],
          validityDays: 180,
        },
      ],
    },
    scorecards: [
      {
        id: 'golden-path',
        title: 'Golden path',
        filter: {
          kind: ['Component', 'API'],
          type: ['service'],
          tier: ['tier-1'],
          owner: ['team-a', 'Group:Default/Team-B', 'user:jane'],
        },
        levels: [
          {
            id: 'bronze',
            title: 'Bronze',
            checks: [
              { check: 'techdocs' },
              { check: 'slo-objective', weight: 2 },
            ],
          },
          {
            id: 'silver',
            title: 'Silver',
            checks: [{ check: 'ci-template', weight: 0.5 }],
          },
        ],
      },
      {
        id: 'basics',
        title: 'Basics',
        levels: [{ id: 'one', title: 'One', checks: [{ check: 'coverage' }] }],
      },
    ],
  };
}

function parseError(raw: RawChecksConfig, tiers = TIERS): ChecksConfigError {
  try {
    parseChecksConfig(raw, { tiers });
  } catch (error) {
    return error as ChecksConfigError;
  }
  throw new Error('expected parseChecksConfig to throw');
}

describe('parseChecksConfig', () => {
  it('parses a full configuration and fills in defaults', () => {
    const config = parseChecksConfig(base(), { tiers: TIERS });
    expect(config.checks).toEqual([
      {
        id: 'techdocs',
        title: 'TechDocs',
        description: 'Has docs',
        howToFix: 'Add `backstage.io/techdocs-ref`.',
        rule: { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
        pushed: false,
        maxAgeDays: 30,
      },
      {
        id: 'slo-objective',
        title: 'SLO objective',
        rule: {
          fact: 'reliability.lowestObjective',
          gte: { fact: 'reliability.tierMinimumObjective' },
        },
        pushed: false,
        maxAgeDays: 30,
      },
      {
        id: 'ci-template',
        title: 'CI template',
        rule: { fact: 'push.ci-template.passed', equals: true },
        pushed: true,
        maxAgeDays: 7,
      },
      {
        id: 'coverage',
        title: 'Coverage',
        rule: {
          all: [
            { fact: 'push.coverage.value', gte: 80 },
            { fact: 'push.ci-template.passed', equals: true },
          ],
        },
        pushed: true,
        maxAgeDays: 30,
      },
    ]);
    expect(config.readiness).toEqual([
      {
        id: 'docs',
        title: 'Docs',
        group: 'General',
        tiers: [],
        kind: 'automatic',
        check: 'techdocs',
      },
      {
        id: 'load-test',
        title: 'Load test',
        group: 'Performance',
        tiers: ['tier-1', 'tier-2'],
        kind: 'attested',
        validityDays: 180,
      },
    ]);
    expect(config.scorecards[0].filter).toEqual({
      kind: ['component', 'api'],
      type: ['service'],
      tier: ['tier-1'],
      owner: [
        'group:default/team-a',
        'group:default/team-b',
        'user:default/jane',
      ],
    });
    expect(config.scorecards[0].levels).toEqual([
      {
        id: 'bronze',
        title: 'Bronze',
        checks: [
          { check: 'techdocs', weight: 1 },
          { check: 'slo-objective', weight: 2 },
        ],
      },
      {
        id: 'silver',
        title: 'Silver',
        checks: [{ check: 'ci-template', weight: 0.5 }],
      },
    ]);
    expect(config.scorecards[1]).toEqual({
      id: 'basics',
      title: 'Basics',
      filter: { kind: ['component'] },
      levels: [
        { id: 'one', title: 'One', checks: [{ check: 'coverage', weight: 1 }] },
      ],
    });
    expect(config.goldenPathScorecard).toBe('golden-path');
    expect(config.expiryWarningDays).toBe(14);
  });

  it('accepts an empty configuration', () => {
    expect(parseChecksConfig({}, { tiers: TIERS })).toEqual({
      checks: [],
      readiness: [],
      scorecards: [],
      expiryWarningDays: 14,
    });
  });

  it('adds the tiers that require an item to its tiers, in tier order', () => {
    const tiers = [
      tier('tier-1', ['docs']),
      tier('tier-2'),
      tier('tier-3', ['docs', 'load-test']),
    ];
    const raw = base();
    raw.readiness.items[1].tiers = ['tier-2'];
    raw.readiness.expiryWarningDays = 0;
    const config = parseChecksConfig(raw, { tiers });
    expect(config.readiness.map(i => [i.id, i.tiers])).toEqual([
      ['docs', ['tier-1', 'tier-3']],
      ['load-test', ['tier-2', 'tier-3']],
    ]);
    expect(config.expiryWarningDays).toBe(0);
  });

  it.each<[string, unknown, string | undefined]>([
    ['named', 'basics', 'basics'],
    ['named with spaces', ' basics ', 'basics'],
    ['default: the first', undefined, 'golden-path'],
    ['null: the first', null, 'golden-path'],
  ])('golden path scorecard %s', (_name, goldenPathScorecard, expected) => {
    expect(
      parseChecksConfig({ ...base(), goldenPathScorecard }, { tiers: TIERS })
        .goldenPathScorecard,
    ).toBe(expected);
  });

  it('has no golden path scorecard without scorecards', () => {
    const config = parseChecksConfig(
      { ...base(), scorecards: undefined },
      { tiers: TIERS },
    );
    expect(config).not.toHaveProperty('goldenPathScorecard');
  });

  it.each<[string, (raw: Raw) => void, string, string | undefined, string]>([
    // name, change, key, context, problem
    // top level
    [
      'checks not a list',
      r => {
        (r as any).checks = { id: 'x' };
      },
      'reliability.checks',
      undefined,
      'must be a list; got a mapping',
    ],
    [
      'readiness a list',
      r => {
        (r as any).readiness = [];
      },
      'reliability.readiness',
      undefined,
      'must be a mapping; got a list',
    ],
    [
      'readiness unknown key',
      r => {
        r.readiness.item = [];
      },
      'reliability.readiness.item',
      undefined,
      'unknown key "item"; allowed keys are items, expiryWarningDays',
    ],
    [
      'readiness expiryWarningDays negative',
      r => {
        r.readiness.expiryWarningDays = -1;
      },
      'reliability.readiness.expiryWarningDays',
      undefined,
      'must be a number of at least 0; got -1',
    ],
    [
      'readiness expiryWarningDays a string',
      r => {
        r.readiness.expiryWarningDays = '14';
      },
      'reliability.readiness.expiryWarningDays',
      undefined,
      'must be a number of at least 0; got "14"',
    ],
    [
      'scorecards not a list',
      r => {
        (r as any).scorecards = 'x';
      },
      'reliability.scorecards',
      undefined,
      'must be a list; got "x"',
    ],
    // checks
    [
      'check not a mapping',
      r => {
        r.checks[1] = 'x' as any;
      },
      'reliability.checks[1]',
      undefined,
      'must be a mapping; got "x"',
    ],
    [
      'check without id',
      r => {
        delete r.checks[1].id;
      },
      'reliability.checks[1].id',
      undefined,
      'is required: every check needs an id',
    ],
    [
      'check id with capitals',
      r => {
        r.checks[1].id = 'SLO';
      },
      'reliability.checks[1].id',
      undefined,
      '"SLO" is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
    ],
    [
      'check id starting with a dash',
      r => {
        r.checks[1].id = '-slo';
      },
      'reliability.checks[1].id',
      undefined,
      '"-slo" is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
    ],
    [
      'check id too long',
      r => {
        r.checks[1].id = 'a'.repeat(64);
      },
      'reliability.checks[1].id',
      undefined,
      `"${'a'.repeat(
        64,
      )}" is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit`,
    ],
    [
      'check id a number',
      r => {
        r.checks[1].id = 3;
      },
      'reliability.checks[1].id',
      undefined,
      '3 is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
    ],
    [
      'duplicate check id',
      r => {
        r.checks[2].id = 'techdocs';
      },
      'reliability.checks[2].id',
      'check "techdocs"',
      'duplicate id "techdocs", also used by reliability.checks[0]',
    ],
    [
      'check unknown key',
      r => {
        r.checks[0].rules = {};
      },
      'reliability.checks[0].rules',
      'check "techdocs"',
      'unknown key "rules"; allowed keys are id, title, description, howToFix, rule, pushed, maxAgeDays',
    ],
    [
      'check without title',
      r => {
        delete r.checks[0].title;
      },
      'reliability.checks[0].title',
      'check "techdocs"',
      'is required',
    ],
    [
      'check with a blank title',
      r => {
        r.checks[0].title = '  ';
      },
      'reliability.checks[0].title',
      'check "techdocs"',
      'must be a non-empty string; got "  "',
    ],
    [
      'check description not a string',
      r => {
        r.checks[0].description = 3;
      },
      'reliability.checks[0].description',
      'check "techdocs"',
      'must be a string; got 3',
    ],
    [
      'check pushed a string',
      r => {
        r.checks[0].pushed = 'yes';
      },
      'reliability.checks[0].pushed',
      'check "techdocs"',
      'must be true or false; got "yes"',
    ],
    [
      'check maxAgeDays zero',
      r => {
        r.checks[2].maxAgeDays = 0;
      },
      'reliability.checks[2].maxAgeDays',
      'check "ci-template"',
      'must be a number above 0; got 0',
    ],
    [
      'check maxAgeDays Infinity',
      r => {
        r.checks[2].maxAgeDays = Infinity;
      },
      'reliability.checks[2].maxAgeDays',
      'check "ci-template"',
      'must be a number above 0; got Infinity',
    ],
    [
      'check without rule',
      r => {
        delete r.checks[1].rule;
      },
      'reliability.checks[1].rule',
      'check "slo-objective"',
      'is required unless the check is pushed (pushed: true)',
    ],
    [
      'check with a bad rule',
      r => {
        r.checks[1].rule = {
          all: [{ fact: 'reliability.lowestObjective', gte: 'high' }],
        };
      },
      'reliability.checks[1].rule.all[0].gte',
      'check "slo-objective"',
      'must be a finite number or { fact: <name> }; got "high"',
    ],
    [
      'check with an unknown suite fact',
      r => {
        r.checks[1].rule = { fact: 'reliability.objective', gte: 0.99 };
      },
      'reliability.checks[1].rule.fact',
      'check "slo-objective"',
      expect.stringMatching(
        /^unknown suite fact "reliability.objective"; known suite facts are reliability.tier, /,
      ) as any,
    ],
    [
      'rule naming a check that is not pushed',
      r => {
        r.checks[1].rule = { fact: 'push.techdocs.passed', equals: true };
      },
      'reliability.checks[1].rule.fact',
      'check "slo-objective"',
      'fact "push.techdocs.passed" names "techdocs", which is not a check with pushed: true; pushed checks are ci-template, coverage',
    ],
    // readiness items
    [
      'items not a list',
      r => {
        r.readiness.items = {};
      },
      'reliability.readiness.items',
      undefined,
      'must be a list; got a mapping',
    ],
    [
      'item not a mapping',
      r => {
        r.readiness.items[0] = 3;
      },
      'reliability.readiness.items[0]',
      undefined,
      'must be a mapping; got 3',
    ],
    [
      'item with a bad id',
      r => {
        r.readiness.items[0].id = 'Docs';
      },
      'reliability.readiness.items[0].id',
      undefined,
      '"Docs" is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
    ],
    [
      'duplicate item id',
      r => {
        r.readiness.items[1].id = 'docs';
      },
      'reliability.readiness.items[1].id',
      'readiness item "docs"',
      'duplicate id "docs", also used by reliability.readiness.items[0]',
    ],
    [
      'item with tier instead of tiers',
      r => {
        r.readiness.items[1].tier = ['tier-1'];
      },
      'reliability.readiness.items[1].tier',
      'readiness item "load-test"',
      'unknown key "tier"; allowed keys are id, title, group, description, howToFix, tiers, kind, check, validityDays',
    ],
    [
      'item without title',
      r => {
        delete r.readiness.items[1].title;
      },
      'reliability.readiness.items[1].title',
      'readiness item "load-test"',
      'is required',
    ],
    [
      'item with an empty group',
      r => {
        r.readiness.items[1].group = 4;
      },
      'reliability.readiness.items[1].group',
      'readiness item "load-test"',
      'must be a string; got 4',
    ],
    [
      'item without kind',
      r => {
        delete r.readiness.items[1].kind;
      },
      'reliability.readiness.items[1].kind',
      'readiness item "load-test"',
      'is required: automatic (a check decides) or attested (a person confirms)',
    ],
    [
      'item with an unknown kind',
      r => {
        r.readiness.items[1].kind = 'manual';
      },
      'reliability.readiness.items[1].kind',
      'readiness item "load-test"',
      'must be automatic or attested; got "manual"',
    ],
    [
      'item with an unknown tier',
      r => {
        r.readiness.items.push(
          { id: 'x', title: 'X', kind: 'attested' },
          { id: 'load-test-2', title: 'L', kind: 'attested' },
          {
            id: 'load-test-3',
            title: 'L3',
            kind: 'attested',
            tiers: ['tier-9'],
          },
        );
      },
      'reliability.readiness.items[4].tiers[0]',
      'readiness item "load-test-3"',
      'unknown tier "tier-9"; configured tiers are tier-1, tier-2',
    ],
    [
      'item tiers not a list',
      r => {
        r.readiness.items[1].tiers = 'tier-1';
      },
      'reliability.readiness.items[1].tiers',
      'readiness item "load-test"',
      'must be a list of strings; got "tier-1"',
    ],
    [
      'item tier not a string',
      r => {
        r.readiness.items[1].tiers = [1];
      },
      'reliability.readiness.items[1].tiers[0]',
      'readiness item "load-test"',
      'must be a non-empty string; got 1',
    ],
    [
      'automatic item without check',
      r => {
        delete r.readiness.items[0].check;
      },
      'reliability.readiness.items[0].check',
      'readiness item "docs"',
      'is required',
    ],
    [
      'automatic item with an unknown check',
      r => {
        r.readiness.items[0].check = 'docs';
      },
      'reliability.readiness.items[0].check',
      'readiness item "docs"',
      'unknown check "docs"; configured checks are techdocs, slo-objective, ci-template, coverage',
    ],
    [
      'automatic item with validityDays',
      r => {
        r.readiness.items[0].validityDays = 30;
      },
      'reliability.readiness.items[0].validityDays',
      'readiness item "docs"',
      'only attested items have a validity period',
    ],
    [
      'attested item with a check',
      r => {
        r.readiness.items[1].check = 'techdocs';
      },
      'reliability.readiness.items[1].check',
      'readiness item "load-test"',
      'attested items have no check; use kind: automatic for an item a check decides',
    ],
    [
      'attested item with validityDays 0',
      r => {
        r.readiness.items[1].validityDays = 0;
      },
      'reliability.readiness.items[1].validityDays',
      'readiness item "load-test"',
      'must be an integer above 0; got 0',
    ],
    [
      'attested item with fractional validityDays',
      r => {
        r.readiness.items[1].validityDays = 1.5;
      },
      'reliability.readiness.items[1].validityDays',
      'readiness item "load-test"',
      'must be an integer above 0; got 1.5',
    ],
    // scorecards
    [
      'scorecard not a mapping',
      r => {
        r.scorecards[1] = [] as any;
      },
      'reliability.scorecards[1]',
      undefined,
      'must be a mapping; got a list',
    ],
    [
      'scorecard with a bad id',
      r => {
        r.scorecards[1].id = 'basics!';
      },
      'reliability.scorecards[1].id',
      undefined,
      '"basics!" is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
    ],
    [
      'duplicate scorecard id',
      r => {
        r.scorecards[1].id = 'golden-path';
      },
      'reliability.scorecards[1].id',
      'scorecard "golden-path"',
      'duplicate id "golden-path", also used by reliability.scorecards[0]',
    ],
    [
      'scorecard unknown key',
      r => {
        r.scorecards[1].level = [];
      },
      'reliability.scorecards[1].level',
      'scorecard "basics"',
      'unknown key "level"; allowed keys are id, title, description, filter, levels',
    ],
    [
      'scorecard without title',
      r => {
        delete r.scorecards[1].title;
      },
      'reliability.scorecards[1].title',
      'scorecard "basics"',
      'is required',
    ],
    [
      'scorecard without levels',
      r => {
        delete r.scorecards[1].levels;
      },
      'reliability.scorecards[1].levels',
      'scorecard "basics"',
      'a scorecard needs at least one level',
    ],
    [
      'scorecard with empty levels',
      r => {
        r.scorecards[1].levels = [];
      },
      'reliability.scorecards[1].levels',
      'scorecard "basics"',
      'a scorecard needs at least one level',
    ],
    [
      'filter not a mapping',
      r => {
        r.scorecards[0].filter = ['component'];
      },
      'reliability.scorecards[0].filter',
      'scorecard "golden-path"',
      'must be a mapping; got a list',
    ],
    [
      'filter unknown key',
      r => {
        r.scorecards[0].filter.tiers = ['tier-1'];
      },
      'reliability.scorecards[0].filter.tiers',
      'scorecard "golden-path"',
      'unknown key "tiers"; allowed keys are kind, type, tier, owner',
    ],
    [
      'filter kind not a list',
      r => {
        r.scorecards[0].filter.kind = 'component';
      },
      'reliability.scorecards[0].filter.kind',
      'scorecard "golden-path"',
      'must be a list of strings; got "component"',
    ],
    [
      'filter with an unknown tier',
      r => {
        r.scorecards[0].filter.tier = ['tier-1', 'gold'];
      },
      'reliability.scorecards[0].filter.tier[1]',
      'scorecard "golden-path"',
      'unknown tier "gold"; configured tiers are tier-1, tier-2',
    ],
    [
      'filter with a bad owner',
      r => {
        r.scorecards[0].filter.owner = ['group:'];
      },
      'reliability.scorecards[0].filter.owner[0]',
      'scorecard "golden-path"',
      expect.stringMatching(
        /^"group:" is not an entity ref such as group:default\/team-a or team-a: /,
      ) as any,
    ],
    [
      'level with a bad id',
      r => {
        r.scorecards[0].levels[1].id = 'Silver';
      },
      'reliability.scorecards[0].levels[1].id',
      'scorecard "golden-path"',
      '"Silver" is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
    ],
    [
      'duplicate level id',
      r => {
        r.scorecards[0].levels[1].id = 'bronze';
      },
      'reliability.scorecards[0].levels[1].id',
      'scorecard "golden-path"',
      'duplicate id "bronze", also used by reliability.scorecards[0].levels[0]',
    ],
    [
      'level unknown key',
      r => {
        r.scorecards[0].levels[1].check = [];
      },
      'reliability.scorecards[0].levels[1].check',
      'scorecard "golden-path"',
      'unknown key "check"; allowed keys are id, title, checks',
    ],
    [
      'level without checks',
      r => {
        r.scorecards[0].levels[1].checks = [];
      },
      'reliability.scorecards[0].levels[1].checks',
      'scorecard "golden-path"',
      'level "silver" needs at least one check',
    ],
    [
      'level check not a mapping',
      r => {
        r.scorecards[0].levels[1].checks = ['ci-template'];
      },
      'reliability.scorecards[0].levels[1].checks[0]',
      'scorecard "golden-path"',
      'must be a mapping; got "ci-template"',
    ],
    [
      'level check unknown key',
      r => {
        r.scorecards[0].levels[1].checks[0].weigth = 2;
      },
      'reliability.scorecards[0].levels[1].checks[0].weigth',
      'scorecard "golden-path"',
      'unknown key "weigth"; allowed keys are check, weight',
    ],
    [
      'scorecard references a missing check',
      r => {
        r.scorecards[0].levels[1].checks.push(
          { check: 'coverage' },
          { check: 'techdocs-ref' },
        );
      },
      'reliability.scorecards[0].levels[1].checks[2].check',
      'scorecard "golden-path"',
      'unknown check "techdocs-ref"; configured checks are techdocs, slo-objective, ci-template, coverage',
    ],
    [
      'check twice in a scorecard',
      r => {
        r.scorecards[0].levels[1].checks.push({ check: 'techdocs' });
      },
      'reliability.scorecards[0].levels[1].checks[1].check',
      'scorecard "golden-path"',
      'check "techdocs" is already in the scorecard at reliability.scorecards[0].levels[0].checks[0]; a check counts once per scorecard',
    ],
    [
      'weight zero',
      r => {
        r.scorecards[0].levels[0].checks[0].weight = 0;
      },
      'reliability.scorecards[0].levels[0].checks[0].weight',
      'scorecard "golden-path"',
      'must be a number above 0; got 0',
    ],
    [
      'weight negative',
      r => {
        r.scorecards[0].levels[0].checks[0].weight = -1;
      },
      'reliability.scorecards[0].levels[0].checks[0].weight',
      'scorecard "golden-path"',
      'must be a number above 0; got -1',
    ],
    [
      'weight NaN',
      r => {
        r.scorecards[0].levels[0].checks[0].weight = NaN;
      },
      'reliability.scorecards[0].levels[0].checks[0].weight',
      'scorecard "golden-path"',
      'must be a number above 0; got NaN',
    ],
    [
      'weight a string',
      r => {
        r.scorecards[0].levels[0].checks[0].weight = '2';
      },
      'reliability.scorecards[0].levels[0].checks[0].weight',
      'scorecard "golden-path"',
      'must be a number above 0; got "2"',
    ],
    // golden path
    [
      'unknown golden path scorecard',
      r => {
        r.goldenPathScorecard = 'golden';
      },
      'reliability.fleet.goldenPathScorecard',
      undefined,
      'unknown scorecard "golden"; configured scorecards are golden-path, basics',
    ],
    [
      'golden path scorecard not a string',
      r => {
        r.goldenPathScorecard = ['basics'];
      },
      'reliability.fleet.goldenPathScorecard',
      undefined,
      'must be a scorecard id; got a list; configured scorecards are golden-path, basics',
    ],
    [
      'golden path scorecard without scorecards',
      r => {
        r.scorecards = [];
        r.goldenPathScorecard = 'golden-path';
      },
      'reliability.fleet.goldenPathScorecard',
      undefined,
      'unknown scorecard "golden-path"; no scorecards are configured (reliability.scorecards)',
    ],
  ])('rejects %s', (_name, change, key, context, problem) => {
    const raw = base();
    change(raw);
    const error = parseError(raw);
    expect(error).toBeInstanceOf(ChecksConfigError);
    expect(error.name).toBe('ChecksConfigError');
    expect(error).toMatchObject({ key, context, problem });
    expect(
      error.message.startsWith(
        `Invalid ${key}${context ? ` (${context})` : ''}: `,
      ),
    ).toBe(true);
  });

  it('writes the message from key, context and problem', () => {
    const raw = base();
    raw.readiness.items[1].tiers = ['tier-9'];
    expect(parseError(raw).message).toBe(
      'Invalid reliability.readiness.items[1].tiers[0] (readiness item "load-test"): unknown tier "tier-9"; configured tiers are tier-1, tier-2',
    );
  });

  it.each<[string, TierDefinition[], Partial<Raw>, string]>([
    [
      'an unknown item',
      [tier('tier-1'), tier('tier-2', ['docs', 'backup'])],
      {},
      'Invalid reliability.tiers[1].requiredReadiness[1] (tier "tier-2"): unknown readiness item "backup"; configured readiness items are docs, load-test',
    ],
    [
      'no items at all',
      [tier('tier-1', ['docs'])],
      { readiness: undefined },
      'Invalid reliability.tiers[0].requiredReadiness[0] (tier "tier-1"): unknown readiness item "docs"; no readiness items are configured (reliability.readiness.items)',
    ],
  ])('rejects a tier that requires %s', (_name, tiers, change, message) => {
    const error = parseError({ ...base(), ...change }, tiers);
    expect(error.message).toBe(message);
    expect(error.key).toMatch(
      /^reliability\.tiers\[\d\]\.requiredReadiness\[\d\]$/,
    );
  });

  it('says when no tier or check is configured', () => {
    const raw = base();
    raw.readiness.items[1].tiers = ['tier-1'];
    expect(parseError(raw, []).problem).toBe(
      'unknown tier "tier-1"; no tiers are configured',
    );
    expect(
      parseError({
        readiness: {
          items: [{ id: 'a', title: 'A', kind: 'automatic', check: 'x' }],
        },
      }).problem,
    ).toBe('unknown check "x"; no checks are configured (reliability.checks)');
  });

  it('lets a rule name a pushed check defined after it', () => {
    const config = parseChecksConfig(
      {
        checks: [
          { id: 'a', title: 'A', rule: { fact: 'push.b.value', gte: 1 } },
          { id: 'b', title: 'B', pushed: true },
        ],
      },
      { tiers: TIERS },
    );
    expect(config.checks[0].rule).toEqual({ fact: 'push.b.value', gte: 1 });
  });
});
