import {
  ReadinessRecord,
  ReadinessStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { evaluateReadiness } from './evaluateReadiness';
import { ENTITY, readinessRecord } from './__testUtils__/readinessRecord';
import { CheckDefinition, CheckFacts, ReadinessItemDefinition } from './types';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const checks: Record<string, CheckDefinition> = {
  techdocs: {
    id: 'techdocs',
    title: 'TechDocs',
    rule: { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
    pushed: false,
    maxAgeDays: 30,
  },
  'ok-a': {
    id: 'ok-a',
    title: 'A',
    rule: { fact: 'x.a', equals: true },
    pushed: false,
    maxAgeDays: 30,
  },
  'ok-c': {
    id: 'ok-c',
    title: 'C',
    rule: { fact: 'x.c', equals: true },
    pushed: false,
    maxAgeDays: 30,
  },
};

const docs: ReadinessItemDefinition = {
  id: 'docs',
  title: 'Docs',
  group: 'General',
  description: 'Has TechDocs',
  howToFix: 'Add the annotation.',
  tiers: ['tier-1'],
  kind: 'automatic',
  check: 'techdocs',
};

const backup: ReadinessItemDefinition = {
  id: 'backup',
  title: 'Backup restore tested',
  group: 'Operations',
  tiers: ['tier-1', 'tier-2'],
  kind: 'attested',
  validityDays: 90,
};

/** A readiness record of ENTITY about the readiness item `itemId`. */
const record = (
  type: ReadinessRecord['type'],
  itemId: string,
  overrides: Partial<ReadinessRecord> = {},
) => readinessRecord(type, { kind: 'readiness', itemId }, overrides);

const withDocs: CheckFacts = {
  'annotation:backstage.io/techdocs-ref': 'dir:.',
};
const MISSING_DOCS = 'annotation:backstage.io/techdocs-ref is missing';

describe('evaluateReadiness', () => {
  it.each<
    [
      string,
      ReadinessItemDefinition,
      string | null,
      CheckFacts,
      ReadinessRecord[],
      {
        state: string;
        detail?: string;
        expiresAt?: string;
        required?: boolean;
      },
    ]
  >([
    // automatic items
    [
      'automatic, passes',
      docs,
      'tier-1',
      withDocs,
      [],
      {
        state: 'passed',
        detail: 'annotation:backstage.io/techdocs-ref is "dir:."',
        required: true,
      },
    ],
    [
      'automatic, fails',
      docs,
      'tier-1',
      {},
      [],
      { state: 'failed', detail: MISSING_DOCS, required: true },
    ],
    [
      'automatic, fails, not required',
      docs,
      'tier-2',
      {},
      [],
      { state: 'not-required', detail: MISSING_DOCS, required: false },
    ],
    [
      'automatic, passes, not required',
      docs,
      'tier-2',
      withDocs,
      [],
      {
        state: 'passed',
        detail: 'annotation:backstage.io/techdocs-ref is "dir:."',
        required: false,
      },
    ],
    [
      'automatic, fails, no tier',
      docs,
      null,
      {},
      [],
      { state: 'not-required', detail: MISSING_DOCS, required: false },
    ],
    [
      'automatic, unknown check',
      { ...docs, check: 'nope' },
      'tier-1',
      {},
      [],
      { state: 'failed', detail: 'Unknown check "nope"', required: true },
    ],
    [
      'automatic, no check',
      { ...docs, check: undefined },
      'tier-1',
      {},
      [],
      {
        state: 'failed',
        detail: 'No check is configured for this item',
        required: true,
      },
    ],
    [
      'automatic, attestations do not count',
      docs,
      'tier-1',
      {},
      [record('attestation', 'docs')],
      { state: 'failed', detail: MISSING_DOCS, required: true },
    ],
    // exemptions
    [
      'automatic, exempt',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { expiresAt: '2026-06-01T00:00:00.000Z' })],
      {
        state: 'exempt',
        detail: `Exempted by user:default/jane on 2026-02-01 until 2026-06-01: migrating (${MISSING_DOCS})`,
        expiresAt: '2026-06-01T00:00:00.000Z',
        required: true,
      },
    ],
    [
      'exemption without expiry',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { reason: '  ' })],
      {
        state: 'exempt',
        detail: `Exempted by user:default/jane on 2026-02-01 (${MISSING_DOCS})`,
        required: true,
      },
    ],
    [
      'exemption expiring within the warning period',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { expiresAt: at(3 * DAY) })],
      {
        state: 'expiring',
        detail: `Exempted by user:default/jane on 2026-02-01 until 2026-03-04: migrating (${MISSING_DOCS})`,
        expiresAt: at(3 * DAY),
        required: true,
      },
    ],
    [
      'exemption expiring exactly at the end of the warning period',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { expiresAt: at(14 * DAY) })],
      { state: 'expiring', expiresAt: at(14 * DAY) },
    ],
    [
      'exemption expiring just after the warning period',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { expiresAt: at(14 * DAY + 1) })],
      { state: 'exempt', expiresAt: at(14 * DAY + 1) },
    ],
    [
      'exemption expiring exactly now',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { expiresAt: at(0) })],
      { state: 'failed', detail: MISSING_DOCS, required: true },
    ],
    [
      'exemption expiring a millisecond from now',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { expiresAt: at(1) })],
      { state: 'expiring', expiresAt: at(1) },
    ],
    [
      'exemption with an unreadable expiry',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { expiresAt: 'soon' })],
      { state: 'failed' },
    ],
    [
      'revoked exemption',
      docs,
      'tier-1',
      {},
      [record('exemption', 'docs', { revokedAt: '2026-02-10T00:00:00.000Z' })],
      { state: 'failed' },
    ],
    [
      'exemption of another item',
      docs,
      'tier-1',
      {},
      [record('exemption', 'backup')],
      { state: 'failed' },
    ],
    [
      'exemption of a scorecard check',
      docs,
      'tier-1',
      {},
      [
        {
          ...record('exemption', 'docs'),
          target: {
            kind: 'scorecard-check',
            scorecardId: 'docs',
            checkId: 'docs',
          },
        },
      ],
      { state: 'failed' },
    ],
    [
      'exemption of a passing item is not used',
      docs,
      'tier-1',
      withDocs,
      [record('exemption', 'docs', { expiresAt: at(DAY) })],
      {
        state: 'passed',
        detail: 'annotation:backstage.io/techdocs-ref is "dir:."',
        required: true,
      },
    ],
    [
      'exempt, not required',
      docs,
      'tier-2',
      {},
      [record('exemption', 'docs', { expiresAt: at(DAY) })],
      { state: 'exempt', required: false, expiresAt: at(DAY) },
    ],
    // attested items
    [
      'attested without expiry',
      backup,
      'tier-1',
      {},
      [record('attestation', 'backup')],
      {
        state: 'attested',
        detail: 'Attested by user:default/jane on 2026-02-01',
        required: true,
      },
    ],
    [
      'attested with expiry',
      backup,
      'tier-1',
      {},
      [
        record('attestation', 'backup', {
          expiresAt: '2026-08-01T00:00:00.000Z',
        }),
      ],
      {
        state: 'attested',
        detail: 'Attested by user:default/jane on 2026-02-01 until 2026-08-01',
        expiresAt: '2026-08-01T00:00:00.000Z',
        required: true,
      },
    ],
    [
      'attestation expiring',
      backup,
      'tier-2',
      {},
      [record('attestation', 'backup', { expiresAt: at(14 * DAY) })],
      {
        state: 'expiring',
        detail: 'Attested by user:default/jane on 2026-02-01 until 2026-03-15',
        expiresAt: at(14 * DAY),
        required: true,
      },
    ],
    [
      'attestation expiring, not required: never expiring',
      backup,
      'tier-3',
      {},
      [record('attestation', 'backup', { expiresAt: at(DAY) })],
      { state: 'attested', required: false, expiresAt: at(DAY) },
    ],
    [
      'attestation expired exactly now',
      backup,
      'tier-1',
      {},
      [record('attestation', 'backup', { expiresAt: at(0) })],
      {
        state: 'missing',
        detail: 'The attestation expired on 2026-03-01',
        required: true,
      },
    ],
    [
      'attestation expired',
      backup,
      'tier-1',
      {},
      [
        record('attestation', 'backup', {
          expiresAt: '2026-02-15T00:00:00.000Z',
        }),
      ],
      {
        state: 'missing',
        detail: 'The attestation expired on 2026-02-15',
        required: true,
      },
    ],
    [
      'no attestation',
      backup,
      'tier-1',
      {},
      [],
      { state: 'missing', detail: 'No attestation', required: true },
    ],
    [
      'no attestation, not required',
      backup,
      'tier-3',
      {},
      [],
      { state: 'not-required', detail: 'No attestation', required: false },
    ],
    [
      'revoked attestation',
      backup,
      'tier-1',
      {},
      [
        record('attestation', 'backup', {
          revokedAt: '2026-02-02T00:00:00.000Z',
        }),
      ],
      { state: 'missing', detail: 'No attestation', required: true },
    ],
    [
      'newest attestation revoked, older expired',
      backup,
      'tier-1',
      {},
      [
        record('attestation', 'backup', {
          createdAt: '2025-01-01T00:00:00.000Z',
          expiresAt: '2025-12-01T00:00:00.000Z',
        }),
        record('attestation', 'backup', {
          revokedAt: '2026-02-02T00:00:00.000Z',
        }),
      ],
      {
        state: 'missing',
        detail: 'The attestation expired on 2025-12-01',
        required: true,
      },
    ],
    [
      'attestation of another item',
      backup,
      'tier-1',
      {},
      [record('attestation', 'docs')],
      { state: 'missing' },
    ],
    [
      'missing, exempt',
      backup,
      'tier-1',
      {},
      [
        record('exemption', 'backup', {
          expiresAt: '2026-06-01T00:00:00.000Z',
        }),
      ],
      {
        state: 'exempt',
        detail:
          'Exempted by user:default/jane on 2026-02-01 until 2026-06-01: migrating (No attestation)',
        expiresAt: '2026-06-01T00:00:00.000Z',
        required: true,
      },
    ],
  ])('%s', (_name, item, tier, facts, records, expected) => {
    const result = evaluateReadiness({
      items: [item],
      checks,
      tier,
      facts,
      records,
      now: NOW,
      expiryWarningDays: 14,
    });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject(expected);
    expect(result.items[0].expiresAt).toBe(expected.expiresAt);
  });

  it('uses the newest attestation even when an older one lasts longer', () => {
    const older = record('attestation', 'backup', {
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const newer = record('attestation', 'backup', {
      createdAt: '2026-02-20T00:00:00.000Z',
      expiresAt: at(2 * DAY),
    });
    const expired = record('attestation', 'backup', {
      createdAt: '2026-02-25T00:00:00.000Z',
      expiresAt: at(-DAY),
    });
    const result = evaluateReadiness({
      items: [backup],
      checks,
      tier: 'tier-1',
      facts: {},
      records: [newer, older, expired],
      now: NOW,
      expiryWarningDays: 14,
    });
    expect(result.items[0]).toMatchObject({
      state: 'expiring',
      attestation: newer,
      expiresAt: at(2 * DAY),
    });
    expect(result.status).toBe('expiring');
    expect(result.expiring).toEqual(['backup']);
  });

  it('uses the newest exemption; on equal times the later record', () => {
    const first = record('exemption', 'docs', {
      createdAt: '2026-02-01T00:00:00.000Z',
      expiresAt: '2026-06-01T00:00:00.000Z',
    });
    const second = record('exemption', 'docs', {
      createdAt: '2026-02-01T00:00:00.000Z',
      expiresAt: '2026-07-01T00:00:00.000Z',
    });
    const oldest = record('exemption', 'docs', {
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: at(DAY),
    });
    const result = evaluateReadiness({
      items: [docs],
      checks,
      tier: 'tier-1',
      facts: {},
      records: [first, second, oldest],
      now: NOW,
      expiryWarningDays: 14,
    });
    expect(result.items[0].exemption).toBe(second);
    expect(result.items[0].state).toBe('exempt');
  });

  it('ignores records of other entities when the entity ref is given', () => {
    const other = record('attestation', 'backup', {
      entityRef: 'component:default/cart',
    });
    const input = {
      items: [backup],
      checks,
      tier: 'tier-1',
      facts: {},
      records: [other],
      now: NOW,
      expiryWarningDays: 14,
    };
    expect(evaluateReadiness(input).items[0].state).toBe('attested');
    expect(
      evaluateReadiness({ ...input, entityRef: ENTITY }).items[0].state,
    ).toBe('missing');
    expect(
      evaluateReadiness({ ...input, entityRef: 'Component:default/Cart' })
        .items[0].state,
    ).toBe('attested');
  });

  it('describes the item', () => {
    const result = evaluateReadiness({
      items: [docs, backup],
      checks,
      tier: 'tier-1',
      facts: withDocs,
      records: [],
      now: NOW,
      expiryWarningDays: 14,
    });
    expect(result.items).toEqual([
      {
        id: 'docs',
        title: 'Docs',
        group: 'General',
        description: 'Has TechDocs',
        howToFix: 'Add the annotation.',
        kind: 'automatic',
        required: true,
        state: 'passed',
        detail: 'annotation:backstage.io/techdocs-ref is "dir:."',
      },
      {
        id: 'backup',
        title: 'Backup restore tested',
        group: 'Operations',
        kind: 'attested',
        required: true,
        state: 'missing',
        detail: 'No attestation',
        validityDays: 90,
      },
    ]);
    expect(result.evaluatedAt).toBe('2026-03-01T00:00:00.000Z');
    expect(result.tier).toBe('tier-1');
  });

  it.each<[number, string]>([
    [0, 'exempt'],
    [-5, 'exempt'],
    [NaN, 'exempt'],
    [1, 'expiring'],
  ])(
    'treats expiryWarningDays %s as %s for an exemption expiring in a day',
    (days, state) => {
      const records = [record('exemption', 'docs', { expiresAt: at(DAY) })];
      expect(
        evaluateReadiness({
          items: [docs],
          checks,
          tier: 'tier-1',
          facts: {},
          records,
          now: NOW,
          expiryWarningDays: days,
        }).items[0].state,
      ).toBe(state);
    },
  );

  describe('status', () => {
    const a: ReadinessItemDefinition = {
      id: 'a',
      title: 'A',
      group: 'G',
      tiers: ['tier-1'],
      kind: 'automatic',
      check: 'ok-a',
    };
    const b: ReadinessItemDefinition = {
      id: 'b',
      title: 'B',
      group: 'G',
      tiers: ['tier-1'],
      kind: 'attested',
    };
    const c: ReadinessItemDefinition = {
      id: 'c',
      title: 'C',
      group: 'G',
      tiers: ['tier-2'],
      kind: 'automatic',
      check: 'ok-c',
    };
    const attested = record('attestation', 'b');
    const attestedSoon = record('attestation', 'b', { expiresAt: at(DAY) });
    const exemptA = record('exemption', 'a', { expiresAt: at(60 * DAY) });
    const exemptASoon = record('exemption', 'a', { expiresAt: at(DAY) });

    it.each<
      [
        string,
        string | null,
        CheckFacts,
        ReadinessRecord[],
        ReadinessStatus,
        string[],
        string[],
      ]
    >([
      // name, tier, facts, records, status, missing, expiring
      [
        'everything passes',
        'tier-1',
        { 'x.a': true },
        [attested],
        'ready',
        [],
        [],
      ],
      ['a fails', 'tier-1', {}, [attested], 'not-ready', ['a'], []],
      [
        'a fails, b missing: in item order',
        'tier-1',
        {},
        [],
        'not-ready',
        ['a', 'b'],
        [],
      ],
      [
        'a fails, b expiring: not-ready first',
        'tier-1',
        {},
        [attestedSoon],
        'not-ready',
        ['a'],
        ['b'],
      ],
      [
        'b expiring',
        'tier-1',
        { 'x.a': true },
        [attestedSoon],
        'expiring',
        [],
        ['b'],
      ],
      ['a exempt', 'tier-1', {}, [exemptA, attested], 'exempt', [], []],
      [
        'a exempt, expiring soon: expiring first',
        'tier-1',
        {},
        [exemptASoon, attested],
        'expiring',
        [],
        ['a'],
      ],
      [
        'a exempt, b expiring',
        'tier-1',
        {},
        [exemptA, attestedSoon],
        'expiring',
        [],
        ['b'],
      ],
      [
        'c fails but is not required',
        'tier-1',
        { 'x.a': true, 'x.c': false },
        [attested],
        'ready',
        [],
        [],
      ],
      [
        'c required in tier-2',
        'tier-2',
        { 'x.a': false },
        [],
        'not-ready',
        ['c'],
        [],
      ],
      ['no tier', null, {}, [attestedSoon, exemptASoon], 'unknown', [], []],
      ['a tier without required items', 'tier-3', {}, [], 'ready', [], []],
    ])('%s', (_name, tier, facts, records, status, missing, expiring) => {
      const result = evaluateReadiness({
        items: [a, b, c],
        checks,
        tier,
        facts,
        records,
        now: NOW,
        expiryWarningDays: 14,
      });
      expect(result).toMatchObject({ tier, status, missing, expiring });
    });

    it('is ready without items', () => {
      expect(
        evaluateReadiness({
          items: [],
          checks,
          tier: 'tier-1',
          facts: {},
          records: [],
          now: NOW,
          expiryWarningDays: 14,
        }),
      ).toEqual({
        tier: 'tier-1',
        status: 'ready',
        missing: [],
        expiring: [],
        items: [],
        evaluatedAt: NOW.toISOString(),
      });
    });
  });
});
