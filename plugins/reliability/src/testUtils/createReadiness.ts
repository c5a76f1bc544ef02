import {
  EntityReadiness,
  ReadinessItemResult,
  ReadinessRecord,
  ReliabilitySection,
  ScorecardCheckResult,
  ScorecardResult,
  ScorecardSummary,
} from '@reliability-kit/backstage-plugin-reliability-common';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** An attestation of `component:default/checkout`, for tests. */
export function createReadinessRecord(
  overrides: Partial<ReadinessRecord> = {},
): ReadinessRecord {
  return {
    id: '6f1c2a3e-0000-4000-8000-000000000001',
    entityRef: 'component:default/checkout',
    type: 'attestation',
    target: { kind: 'readiness', itemId: 'backup-restore' },
    createdBy: 'user:default/ada',
    createdAt: new Date(Date.now() - 80 * DAY_MS).toISOString(),
    reason: 'Restore drill passed',
    evidenceUrl: 'https://wiki.example.com/drills/restore',
    expiresAt: new Date(Date.now() + 10 * DAY_MS - MINUTE_MS).toISOString(),
    ...overrides,
  };
}

/** A readiness item, passed, for tests. */
export function createReadinessItem(
  overrides: Partial<ReadinessItemResult> = {},
): ReadinessItemResult {
  return {
    id: 'slo-defined',
    title: 'SLOs defined',
    group: 'Observability',
    kind: 'automatic',
    required: true,
    state: 'passed',
    detail: '2 SLOs',
    ...overrides,
  };
}

/**
 * The readiness of `component:default/checkout` (tier 1), not ready: two
 * groups, an item failed, an attestation expiring in 9 days, an attested
 * item missing and an item not required for tier 1.
 */
export function createEntityReadiness(
  overrides: Partial<EntityReadiness> = {},
): EntityReadiness {
  return {
    tier: 'tier-1',
    status: 'not-ready',
    missing: ['runbook', 'load-test'],
    expiring: ['backup-restore'],
    evaluatedAt: new Date(Date.now() - 5 * MINUTE_MS).toISOString(),
    items: [
      createReadinessItem(),
      createReadinessItem({
        id: 'runbook',
        title: 'Runbooks for every alert',
        state: 'failed',
        detail: '3 of 4 alert rules have a runbook_url',
        howToFix:
          'Add a **runbook_url** annotation to every alert rule, e.g. `runbook_url: https://runbooks.example.com/checkout`.',
      }),
      createReadinessItem({
        id: 'dashboards',
        title: 'Dashboards linked',
        state: 'not-required',
        required: false,
        detail: 'No dashboard link',
      }),
      createReadinessItem({
        id: 'backup-restore',
        title: 'Backup restore tested',
        group: 'Operations',
        kind: 'attested',
        state: 'expiring',
        detail: 'Attested by ada 80 days ago',
        validityDays: 90,
        expiresAt: new Date(Date.now() + 10 * DAY_MS - MINUTE_MS).toISOString(),
        attestation: createReadinessRecord(),
      }),
      createReadinessItem({
        id: 'load-test',
        title: 'Load test',
        group: 'Operations',
        kind: 'attested',
        state: 'missing',
        detail: 'The attestation expired',
        validityDays: 180,
        howToFix: 'Run the load test and link its report.',
        attestation: createReadinessRecord({
          id: '6f1c2a3e-0000-4000-8000-000000000002',
          target: { kind: 'readiness', itemId: 'load-test' },
          expiresAt: '2026-03-03T12:00:00.000Z',
        }),
      }),
    ],
    ...overrides,
  };
}

/** The readiness section of an entity, for tests. */
export function createReadinessSection(
  overrides: Partial<ReliabilitySection<EntityReadiness>> = {},
): ReliabilitySection<EntityReadiness> {
  return {
    status: 'ok',
    items: [createEntityReadiness()],
    problems: [],
    demo: false,
    computedAt: new Date(Date.now() - 5 * MINUTE_MS).toISOString(),
    stale: false,
    ...overrides,
  };
}

/** A check of the golden path, passed, for tests. */
export function createScorecardCheck(
  overrides: Partial<ScorecardCheckResult> = {},
): ScorecardCheckResult {
  return {
    checkId: 'has-owner',
    title: 'Has an owner',
    level: 'bronze',
    weight: 1,
    state: 'passed',
    detail: 'Owned by group:default/payments',
    pushed: false,
    ...overrides,
  };
}

/**
 * `component:default/checkout` on the golden path: bronze, silver next
 * with two checks missing (one pushed by CI), gold above.
 */
export function createScorecardResult(
  overrides: Partial<ScorecardResult> = {},
): ScorecardResult {
  return {
    scorecardId: 'golden-path',
    title: 'Golden path',
    entityRef: 'component:default/checkout',
    level: 'bronze',
    levelTitle: 'Bronze',
    nextLevel: 'silver',
    nextLevelTitle: 'Silver',
    missingForNextLevel: ['ci-template', 'techdocs'],
    score: 0.5,
    evaluatedAt: new Date(Date.now() - 5 * MINUTE_MS).toISOString(),
    checks: [
      createScorecardCheck(),
      createScorecardCheck({
        checkId: 'ci-template',
        title: 'Uses the CI template',
        level: 'silver',
        state: 'failed',
        detail: 'The last pipeline does not use the template',
        pushed: true,
        pushedAt: new Date(Date.now() - 3 * 60 * MINUTE_MS).toISOString(),
        howToFix: 'Include `ci/templates/service.yml` in your pipeline.',
      }),
      createScorecardCheck({
        checkId: 'techdocs',
        title: 'Has TechDocs',
        level: 'silver',
        state: 'failed',
        detail: 'No backstage.io/techdocs-ref annotation',
        howToFix: 'Add the annotation `backstage.io/techdocs-ref: dir:.`.',
      }),
      createScorecardCheck({
        checkId: 'slo',
        title: 'Has SLOs',
        level: 'gold',
        state: 'exempt',
        detail: 'Exempt until the migration',
        exemption: createReadinessRecord({
          id: '6f1c2a3e-0000-4000-8000-000000000003',
          type: 'exemption',
          target: {
            kind: 'scorecard-check',
            scorecardId: 'golden-path',
            checkId: 'slo',
          },
          reason: 'Being migrated',
          evidenceUrl: undefined,
        }),
      }),
    ],
    ...overrides,
  };
}

/** The golden path as `GET /scorecards` lists it, for tests. */
export function createScorecardSummary(
  overrides: Partial<ScorecardSummary> = {},
): ScorecardSummary {
  return {
    id: 'golden-path',
    title: 'Golden path',
    description: 'How far a service follows the paved road',
    levels: [
      {
        id: 'bronze',
        title: 'Bronze',
        checks: [
          { id: 'has-owner', title: 'Has an owner', weight: 1, pushed: false },
        ],
      },
      {
        id: 'silver',
        title: 'Silver',
        checks: [
          {
            id: 'ci-template',
            title: 'Uses the CI template',
            weight: 1,
            pushed: true,
          },
          { id: 'techdocs', title: 'Has TechDocs', weight: 1, pushed: false },
        ],
      },
      {
        id: 'gold',
        title: 'Gold',
        checks: [{ id: 'slo', title: 'Has SLOs', weight: 2, pushed: false }],
      },
    ],
    entities: 40,
    byLevel: { none: 10, bronze: 14, silver: 12, gold: 4 },
    adoption: 0.75,
    evaluatedAt: new Date(Date.now() - 5 * MINUTE_MS).toISOString(),
    ...overrides,
  };
}
