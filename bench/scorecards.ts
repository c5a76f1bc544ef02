/*
 * Readiness and scorecard benchmark: the real ReadinessEvaluator,
 * DatabaseReliabilityStore, DatabaseReadinessStore and FleetStore over N
 * generated component entities (default 10,000) and a configuration of C
 * checks (default 20) spread over readiness items (automatic and attested)
 * and one 3-level scorecard, parsed by parseChecksConfig. The catalog is
 * catalogServiceMock (InMemoryCatalogClient) holding the N entities.
 *
 * The store is filled like the collectors would fill it: the entity index,
 * an `slos` section for most entities, an `alertSources` document for about
 * half, toil items, fleet rows (with noise ratios), attestations and
 * exemptions for about 20 % and pushed results for about 30 %.
 *
 * Measured on SQLite (better-sqlite3, a file in a temp dir) and on
 * PostgreSQL when SCORECARD_BENCH_PG_URL is set (a fresh database is created
 * in it):
 *
 * 1. `evaluator.run()` on an empty result set (cold: writes everything);
 * 2. `evaluator.run()` again half an hour later (steady state);
 * 3. the on-demand path, `evaluator.evaluateEntities([ref])`, for random
 *    entities (p50/p99), and two of its parts alone: the index read and the
 *    catalog mock's `getEntitiesByRefs`.
 *
 * And once, without I/O: building the facts of all N entities, and
 * evaluating readiness and scorecards over pre-built facts (`-common`).
 *
 * After the runs it checks the stored results against a direct evaluation
 * (counts, a sample of entities, fleet readiness and golden-path levels) and
 * exits non-zero on a mismatch.
 *
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
 *     bench/scorecards.ts [--entities 10000] [--checks 20] [--samples 200]
 *
 * Prints a Markdown table on stdout and progress on stderr. Run it through
 * ./bench/run-scorecards.sh. With SCORECARD_BENCH_PROFILE=<dir>, each full
 * run is CPU-profiled into <dir>/<database>-<cold|steady>.cpuprofile
 * (summarise with `node bench/cpuprofile-top.mjs`); the profiler slows the
 * runs down, so take the timings from a run without it.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AlertRule,
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  EntityReadiness,
  ReadinessRecord,
  ScorecardResult,
  SloSnapshot,
  StoredPushedResult,
  TierModel,
  readEntityTier,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  CheckFacts,
  ChecksConfig,
  collectEntityFacts,
  evaluateReadiness,
  evaluateScorecard,
  parseChecksConfig,
  scorecardAppliesTo,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { Knex } from 'knex';
import {
  forEachBenchDatabase,
  percentile,
  quietLogger,
} from './benchDatabases';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { AlertSourcesDocument } from '../plugins/reliability-backend/src/alertQuality/AlertQualityCollector';
import { DatabaseReliabilityStore } from '../plugins/reliability-backend/src/database/DatabaseReliabilityStore';
import { IndexedEntity } from '../plugins/reliability-backend/src/database/ReliabilityStore';
import { FleetStore } from '../plugins/reliability-backend/src/fleet';
import { DatabaseReadinessStore } from '../plugins/reliability-backend/src/readiness/DatabaseReadinessStore';
import { ReadinessEvaluator } from '../plugins/reliability-backend/src/readiness/ReadinessEvaluator';
import { buildSuiteFacts } from '../plugins/reliability-backend/src/readiness/buildSuiteFacts';
import { systemClock } from '../plugins/reliability-backend/src/lib/Clock';

// ------------------------------------------------------------------ options

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ENTITIES = arg('entities', 10_000);
const CHECKS = arg('checks', 20);
const SAMPLES = arg('samples', 200);
const WARMUP = 10;
/** Entities whose stored results are compared with a direct evaluation. */
const VERIFY_SAMPLE = 50;
for (const [name, value, min] of [
  ['entities', ENTITIES, 1],
  ['checks', CHECKS, 3],
  ['samples', SAMPLES, 1],
] as const) {
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`--${name} must be an integer >= ${min}\n`);
    process.exit(2);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The time of the cold run; the steady run is half an hour later. */
const T0 = new Date('2026-11-26T08:00:00.000Z');
const T1 = new Date(T0.getTime() + 30 * 60 * 1000);
const SCORECARD = 'golden-path';
const TIER_MODEL: TierModel = {
  tiers: DEFAULT_TIERS,
  source: DEFAULT_TIER_SOURCE,
};
const TEAMS = 50;
const LANGUAGES = ['go', 'java', 'typescript', 'python', 'kotlin', 'perl'];
const TYPES = ['service', 'website', 'library'];
const LIFECYCLES = ['production', 'experimental', 'deprecated'];
const SLO_STATUSES = ['healthy', 'at-risk', 'breaching', 'no-data'] as const;
const OBJECTIVES = [0.99, 0.995, 0.999, 0.9995];

/** A deterministic hash of (i, salt). */
function h(i: number, salt: number) {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 15), 2246822507);
  x = Math.imul(x ^ (x >>> 13), 3266489909);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A seeded PRNG (mulberry32) in [0, 1). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------ configuration

type RawRule = Record<string, unknown>;
type RawCheck = {
  id: string;
  title: string;
  rule?: RawRule;
  pushed?: boolean;
  maxAgeDays?: number;
};

/**
 * Twenty checks using every operator (exists, equals, in, gte/lte with a
 * literal and with a `{ fact }` operand, matches, all/any/not) and every
 * kind of fact (annotation:, label:, spec., relation:, links.type,
 * reliability.*, push.*). In scorecard order: bronze, silver, gold.
 */
const BASE_CHECKS: RawCheck[] = [
  {
    id: 'has-owner',
    title: 'Has an owning team',
    rule: { fact: 'relation:ownedBy', exists: true },
  },
  {
    id: 'techdocs',
    title: 'TechDocs published',
    rule: { fact: 'annotation:backstage.io/techdocs-ref', exists: true },
  },
  {
    id: 'lifecycle-known',
    title: 'Lifecycle production or experimental',
    rule: { fact: 'spec.lifecycle', in: ['production', 'experimental'] },
  },
  {
    id: 'not-deprecated',
    title: 'Not labelled deprecated',
    rule: { not: { fact: 'label:deprecated', equals: 'true' } },
  },
  {
    id: 'tier-declared',
    title: 'Tier declared',
    rule: { fact: 'reliability.tier', exists: true },
  },
  {
    id: 'language-label',
    title: 'Supported language',
    rule: {
      fact: 'label:language',
      in: ['go', 'java', 'typescript', 'python', 'kotlin'],
    },
  },
  {
    id: 'slos-defined',
    title: 'SLOs defined',
    rule: { fact: 'reliability.sloCount', gte: 1 },
  },
  {
    id: 'slos-meet-tier',
    title: "SLOs at the tier's minimum objective",
    rule: {
      all: [
        { fact: 'reliability.sloCount', gte: 1 },
        {
          fact: 'reliability.lowestObjective',
          gte: { fact: 'reliability.tierMinimumObjective' },
        },
      ],
    },
  },
  {
    id: 'slo-healthy',
    title: 'SLOs healthy',
    rule: { fact: 'reliability.sloStatus', in: ['healthy', 'at-risk'] },
  },
  {
    id: 'dashboards',
    title: 'Dashboard linked',
    rule: { fact: 'links.type', equals: 'dashboard' },
  },
  {
    id: 'alerting',
    title: 'Alert rules in place',
    rule: { fact: 'reliability.alertRuleCount', gte: 1 },
  },
  {
    id: 'runbooks',
    title: 'Runbooks for most alerts',
    rule: { fact: 'reliability.runbookCoverage', gte: 0.5 },
  },
  {
    id: 'observability-baseline',
    title: 'Observability baseline',
    rule: {
      all: [
        { fact: 'reliability.alertRuleCount', gte: 1 },
        { fact: 'reliability.runbookCoverage', gte: 0.5 },
        {
          any: [
            { fact: 'links.type', equals: 'dashboard' },
            { fact: 'annotation:grafana/dashboard-selector', matches: '.+' },
          ],
        },
      ],
    },
  },
  {
    id: 'on-call',
    title: 'On-call rotation configured',
    rule: { fact: 'reliability.onCallConfigured', equals: true },
  },
  {
    id: 'iac-module',
    title: 'Infrastructure from the standard IaC module',
    rule: {
      fact: 'annotation:reliability-kit.io/iac-module',
      matches: '^platform/',
    },
  },
  {
    id: 'ci-template',
    title: 'Standard CI template',
    pushed: true,
    maxAgeDays: 30,
  },
  {
    id: 'code-coverage',
    title: 'Code coverage at least 80 %',
    pushed: true,
    maxAgeDays: 14,
    rule: {
      all: [
        { fact: 'push.code-coverage.passed', equals: true },
        { fact: 'push.code-coverage.value', gte: 0.8 },
      ],
    },
  },
  {
    id: 'dependency-scan',
    title: 'Dependency scan clean',
    pushed: true,
    maxAgeDays: 7,
  },
  {
    id: 'low-noise',
    title: 'Low alert noise',
    rule: {
      any: [
        { fact: 'reliability.alertNoiseRatio', lte: 0.3 },
        { fact: 'reliability.onCallConfigured', equals: false },
      ],
    },
  },
  {
    id: 'toil-budget',
    title: 'Toil within budget',
    rule: {
      all: [
        { fact: 'reliability.toilHoursPerWeek', lte: 4 },
        {
          fact: 'reliability.toilHoursPerWeek',
          lte: { fact: 'reliability.sloCount' },
        },
        { fact: 'spec.owner', matches: '^team-' },
      ],
    },
  },
];

/** Readiness items decided by a check (when the check is configured). */
const AUTOMATIC_ITEMS: Array<{ id: string; check: string; tiers: string[] }> = [
  {
    id: 'owner',
    check: 'has-owner',
    tiers: ['tier-1', 'tier-2', 'tier-3', 'tier-4'],
  },
  { id: 'on-call', check: 'on-call', tiers: ['tier-1', 'tier-2'] },
  {
    id: 'slos',
    check: 'slos-meet-tier',
    tiers: ['tier-1', 'tier-2', 'tier-3'],
  },
  { id: 'runbooks', check: 'runbooks', tiers: ['tier-1', 'tier-2'] },
  {
    id: 'dashboards',
    check: 'dashboards',
    tiers: ['tier-1', 'tier-2', 'tier-3'],
  },
  { id: 'alerting', check: 'alerting', tiers: ['tier-1', 'tier-2'] },
  {
    id: 'not-deprecated',
    check: 'not-deprecated',
    tiers: ['tier-1', 'tier-2', 'tier-3', 'tier-4'],
  },
  { id: 'toil', check: 'toil-budget', tiers: ['tier-1'] },
];

const ATTESTED_ITEMS = [
  { id: 'load-test', validityDays: 180, tiers: ['tier-1', 'tier-2'] },
  { id: 'backup-restore', validityDays: 180, tiers: ['tier-1', 'tier-2'] },
  { id: 'dr-exercise', validityDays: 365, tiers: ['tier-1'] },
  { id: 'security-review', validityDays: 365, tiers: ['tier-1', 'tier-2'] },
];

function buildConfig(count: number): ChecksConfig {
  const checks = BASE_CHECKS.slice(0, count);
  for (let k = checks.length; k < count; k++) {
    checks.push({
      id: `extra-${k}`,
      title: `Extra check ${k}`,
      rule: {
        any: [
          { fact: 'reliability.sloCount', gte: k % 4 },
          { fact: 'label:language', equals: LANGUAGES[k % LANGUAGES.length] },
        ],
      },
    });
  }
  const ids = checks.map(c => c.id);
  const bronze = Math.max(1, Math.floor(count * 0.3));
  const silver = Math.max(1, Math.floor(count * 0.4));
  const raw = {
    checks,
    readiness: {
      expiryWarningDays: 14,
      items: [
        ...AUTOMATIC_ITEMS.filter(item => ids.includes(item.check)).map(
          item => ({
            id: item.id,
            title: item.id,
            group: 'Automatic',
            kind: 'automatic',
            check: item.check,
            tiers: item.tiers,
          }),
        ),
        ...ATTESTED_ITEMS.map(item => ({
          id: item.id,
          title: item.id,
          group: 'Attested',
          kind: 'attested',
          validityDays: item.validityDays,
          tiers: item.tiers,
          howToFix: 'Link the report as evidence.',
        })),
      ],
    },
    scorecards: [
      {
        id: SCORECARD,
        title: 'Golden path',
        filter: { kind: ['component'], type: ['service', 'website'] },
        levels: [
          {
            id: 'bronze',
            title: 'Bronze',
            checks: ids.slice(0, bronze).map(check => ({ check })),
          },
          {
            id: 'silver',
            title: 'Silver',
            checks: ids
              .slice(bronze, bronze + silver)
              .map(check => ({ check, weight: 2 })),
          },
          {
            id: 'gold',
            title: 'Gold',
            checks: ids
              .slice(bronze + silver)
              .map(check => ({ check, weight: 3 })),
          },
        ],
      },
    ],
  };
  return parseChecksConfig(raw, { tiers: DEFAULT_TIERS });
}

// --------------------------------------------------------------- the fleet

/** Everything generated about one entity, also kept for the direct path. */
interface Generated {
  entity: Entity;
  indexed: IndexedEntity;
  slos?: SloSnapshot[];
  alertSources?: AlertSourcesDocument;
  noiseRatio: number | null;
  toil: Array<{ minutes: number; occurrences: number }>;
  records: ReadinessRecord[];
  pushed: StoredPushedResult[];
}

const pad = (i: number) => String(i).padStart(6, '0');

function entityOf(i: number): Entity {
  const name = `svc-${pad(i)}`;
  const team = `team-${h(i, 3) % TEAMS}`;
  const annotations: Record<string, string> = {};
  const tierRoll = h(i, 1) % 100;
  if (tierRoll >= 10) {
    annotations['reliability-kit.io/tier'] = `tier-${1 + (h(i, 2) % 4)}`;
  } else if (tierRoll >= 8) {
    annotations['reliability-kit.io/tier'] = 'gold'; // invalid
  }
  if (h(i, 4) % 10 < 6) annotations['backstage.io/techdocs-ref'] = 'dir:.';
  const iac = h(i, 5) % 10;
  if (iac < 4) {
    annotations['reliability-kit.io/iac-module'] = 'platform/service-v3';
  } else if (iac < 5) {
    annotations['reliability-kit.io/iac-module'] = 'custom/terraform';
  }
  if (h(i, 6) % 10 === 0) {
    annotations['grafana/dashboard-selector'] = `service=${name}`;
  }
  const labels: Record<string, string> = {
    language: LANGUAGES[h(i, 7) % LANGUAGES.length],
  };
  if (h(i, 8) % 20 === 0) labels.deprecated = 'true';
  const links: Array<{ url: string; title: string; type: string }> = [];
  if (h(i, 9) % 2 === 0) {
    links.push({
      url: `https://grafana.example.com/d/${name}`,
      title: 'Dashboard',
      type: 'dashboard',
    });
  }
  if (h(i, 10) % 3 === 0) {
    links.push({
      url: `https://wiki.example.com/runbooks/${name}`,
      title: 'Runbook',
      type: 'runbook',
    });
  }
  const typeRoll = h(i, 11) % 20;
  const lifecycleRoll = h(i, 12) % 10;
  const relations = [
    {
      type: 'partOf',
      targetRef: `system:default/sys-${h(i, 13) % 200}`,
    },
  ];
  // About 3 % have an owner the catalog could not resolve (no relation).
  if (h(i, 14) % 33 !== 0) {
    relations.unshift({ type: 'ownedBy', targetRef: `group:default/${team}` });
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: `Service ${i}`,
      tags: h(i, 15) % 2 ? ['java', 'payments'] : [],
      annotations,
      labels,
      links,
    },
    spec: {
      type: TYPES[typeRoll < 14 ? 0 : typeRoll < 17 ? 1 : 2],
      lifecycle: LIFECYCLES[lifecycleRoll < 6 ? 0 : lifecycleRoll < 9 ? 1 : 2],
      owner: team,
      system: `sys-${h(i, 13) % 200}`,
    },
    relations,
  };
}

function indexedOf(entity: Entity): IndexedEntity {
  const tier = readEntityTier(entity, TIER_MODEL);
  const first = (type: string) =>
    entity.relations?.find(r => r.type === type)?.targetRef;
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    ownerRef: first('ownedBy'),
    systemRef: first('partOf'),
    tier: tier.status === 'ok' ? tier.tier.id : undefined,
    tierStatus: tier.status,
    tierMessage: tier.status === 'ok' ? undefined : tier.message,
  };
}

function slosOf(i: number): SloSnapshot[] | undefined {
  if (h(i, 20) % 4 === 0) {
    // No SLOs: most never collected, some with an empty section.
    return h(i, 23) % 5 === 0 ? [] : undefined;
  }
  const count = 1 + (h(i, 21) % 4);
  return Array.from({ length: count }, (_, k) => {
    const statusRoll = h(i, 30 + k) % 10;
    const status =
      SLO_STATUSES[
        statusRoll < 6 ? 0 : statusRoll < 8 ? 1 : statusRoll < 9 ? 2 : 3
      ];
    const budget = status === 'no-data' ? null : 1 - (h(i, 40 + k) % 150) / 100;
    // Only the fields the evaluator reads (objective, status) matter.
    const snapshot = {
      id: `slo-${k}`,
      name: `slo-${k}`,
      origin: 'spec',
      instance: 'default',
      objective: OBJECTIVES[h(i, 22 + k) % OBJECTIVES.length],
      window: '28d',
      windowLabel: '28d rolling',
      sli: budget === null ? null : 0.999,
      budgetConsumed: budget === null ? null : 1 - budget,
      budgetRemaining: budget,
      status,
      computedAt: T0.toISOString(),
      stale: false,
      links: [],
      demo: false,
    };
    return snapshot as unknown as SloSnapshot;
  });
}

function alertSourcesOf(i: number): AlertSourcesDocument | undefined {
  if (h(i, 50) % 20 >= 11) return undefined;
  let rules: AlertRule[] | null = null;
  if (h(i, 51) % 8 !== 0) {
    rules = Array.from(
      { length: h(i, 52) % 7 },
      (_, k): AlertRule => ({
        name: `Rule${k}`,
        group: `svc-${pad(i)}`,
        labels: { service: `svc-${pad(i)}`, severity: 'page' },
        annotations:
          h(i, 60 + k) % 3 === 0
            ? { summary: 'no runbook' }
            : { runbook_url: `https://wiki.example.com/runbooks/${k}` },
      }),
    );
  }
  return {
    pagingSource: h(i, 53) % 4 === 0 ? null : 'pagerduty',
    dataSince: T0.toISOString(),
    shifts: [],
    rules,
    firingAlerts: [],
    problems: [],
    computedAt: T0.toISOString(),
    stale: false,
  };
}

function noiseRatioOf(i: number, sources?: AlertSourcesDocument) {
  if (!sources?.pagingSource || h(i, 54) % 5 === 0) return null;
  return (h(i, 55) % 11) / 10;
}

function toilOf(i: number) {
  if (h(i, 70) % 10 !== 0) return [];
  return Array.from({ length: 1 + (h(i, 71) % 3) }, (_, k) => ({
    minutes: 15 * (1 + (h(i, 72 + k) % 8)),
    occurrences: 1 + (h(i, 75 + k) % 10),
  }));
}

/** Attestations and exemptions of about 20 % of the entities. */
function recordsOf(
  i: number,
  ref: string,
  config: ChecksConfig,
): ReadinessRecord[] {
  if (h(i, 80) % 5 !== 0) return [];
  const automatic = config.readiness.filter(r => r.kind === 'automatic');
  const attested = config.readiness.filter(r => r.kind === 'attested');
  const scorecardChecks = config.scorecards[0].levels.flatMap(l =>
    l.checks.map(c => c.check),
  );
  const count = 1 + (h(i, 81) % 3);
  const records = Array.from({ length: count }, (_, k): ReadinessRecord => {
    const createdAt = new Date(
      T0.getTime() - (1 + (h(i, 82 + k) % 200)) * DAY_MS,
    );
    const base = {
      id: `rec-${pad(i)}-${k}`,
      entityRef: ref,
      createdBy: 'user:default/alice',
      createdAt: createdAt.toISOString(),
    };
    const revoked =
      h(i, 85 + k) % 10 === 0
        ? {
            revokedAt: new Date(createdAt.getTime() + DAY_MS).toISOString(),
            revokedBy: 'user:default/bob',
            revokeReason: 'Wrong evidence',
          }
        : {};
    const what = h(i, 88 + k) % 3;
    if (what === 0 || (what === 1 && automatic.length === 0)) {
      const item = attested[h(i, 91 + k) % attested.length];
      return {
        ...base,
        type: 'attestation',
        target: { kind: 'readiness', itemId: item.id },
        reason: 'Done',
        evidenceUrl: `https://wiki.example.com/evidence/${pad(i)}/${k}`,
        expiresAt: new Date(
          createdAt.getTime() + (item.validityDays ?? 180) * DAY_MS,
        ).toISOString(),
        ...revoked,
      };
    }
    // Exemptions: some expire within the warning window, some never.
    const expiresIn = [7, 60, 365][h(i, 94 + k) % 3];
    const expiry =
      h(i, 97 + k) % 4 === 0
        ? {}
        : {
            expiresAt: new Date(
              T0.getTime() + expiresIn * DAY_MS,
            ).toISOString(),
          };
    if (what === 1) {
      const item = automatic[h(i, 91 + k) % automatic.length];
      return {
        ...base,
        type: 'exemption',
        target: { kind: 'readiness', itemId: item.id },
        reason: 'Migrating to the new platform',
        ...expiry,
        ...revoked,
      };
    }
    return {
      ...base,
      type: 'exemption',
      target: {
        kind: 'scorecard-check',
        scorecardId: SCORECARD,
        checkId: scorecardChecks[h(i, 91 + k) % scorecardChecks.length],
      },
      reason: 'Not applicable to this service',
      ...expiry,
      ...revoked,
    };
  });
  // One record per entity, type and target: the store refuses a second
  // active one (the first generated one is kept).
  const seen = new Set<string>();
  return records.filter(r => {
    const key = JSON.stringify([r.type, r.target]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Pushed results of about 30 % of the entities, some too old to count. */
function pushedOf(
  i: number,
  ref: string,
  config: ChecksConfig,
): StoredPushedResult[] {
  if (h(i, 100) % 10 >= 3) return [];
  return config.checks
    .filter(c => c.pushed)
    .map((check, k) => ({
      entityRef: ref,
      checkId: check.id,
      scorecardId: SCORECARD,
      passed: h(i, 101 + k) % 4 !== 0,
      ...(check.id === 'code-coverage'
        ? { value: (h(i, 105) % 101) / 100 }
        : {}),
      url: `https://ci.example.com/runs/${i}-${k}`,
      pushedBy: 'service:ci',
      pushedAt: new Date(
        T0.getTime() - (h(i, 110 + k) % 40) * DAY_MS - 60_000,
      ).toISOString(),
    }));
}

function generate(config: ChecksConfig): Generated[] {
  return Array.from({ length: ENTITIES }, (_, i) => {
    const entity = entityOf(i);
    const indexed = indexedOf(entity);
    const alertSources = alertSourcesOf(i);
    return {
      entity,
      indexed,
      slos: slosOf(i),
      alertSources,
      noiseRatio: noiseRatioOf(i, alertSources),
      toil: toilOf(i),
      records: recordsOf(i, indexed.entityRef, config),
      pushed: pushedOf(i, indexed.entityRef, config),
    };
  });
}

// ---------------------------------------------------------------- seeding

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

async function seed(
  knex: Knex,
  store: DatabaseReliabilityStore,
  readinessStore: DatabaseReadinessStore,
  fleet: FleetStore,
  fleetData: Generated[],
) {
  const at = T0.toISOString();
  const indexed = fleetData.map(g => g.indexed);
  await store.replaceEntityIndex(indexed, at);
  await fleet.replaceEntities(indexed, at);

  // Noise ratios as the alert-quality collector stores them (one statement
  // per value instead of a transaction per entity).
  const byNoise = new Map<number, string[]>();
  for (const g of fleetData) {
    if (g.noiseRatio === null) continue;
    const refs = byNoise.get(g.noiseRatio) ?? [];
    refs.push(g.indexed.entityRef);
    byNoise.set(g.noiseRatio, refs);
  }
  await knex.transaction(async tx => {
    for (const [noise, refs] of byNoise) {
      for (const part of chunks(refs, 500)) {
        await tx('reliability_fleet')
          .whereIn('entity_ref', part)
          .update({ noise_ratio: noise });
      }
    }
  });

  await store.writeSections(
    fleetData
      .filter(g => g.slos !== undefined)
      .map(g => ({
        entityRef: g.indexed.entityRef,
        section: 'slos' as const,
        write: {
          items: g.slos!,
          problems: [],
          status: 'ok' as const,
          demo: false,
          computedAt: at,
        },
      })),
  );

  for (const g of fleetData) {
    if (g.alertSources) {
      await store.writeDocument(
        g.indexed.entityRef,
        'alertSources',
        g.alertSources,
      );
    }
    for (const [k, t] of g.toil.entries()) {
      await store.createToilItem({
        id: `toil-${g.indexed.name}-${k}`,
        entityRef: g.indexed.entityRef,
        task: `Manual task ${k}`,
        minutesPerOccurrence: t.minutes,
        occurrencesPerWeek: t.occurrences,
        owner: g.indexed.ownerRef ?? 'group:default/team-0',
        createdBy: 'user:default/alice',
        createdAt: at,
        updatedBy: 'user:default/alice',
        updatedAt: at,
      });
    }
    for (const record of g.records) {
      await readinessStore.createRecord(record, {
        at: record.createdAt,
        actor: record.createdBy,
        action: record.type === 'attestation' ? 'attest' : 'exempt',
        entityRef: record.entityRef,
        target:
          record.target.kind === 'readiness'
            ? `readiness:${record.target.itemId}`
            : `scorecard:${record.target.scorecardId}/${record.target.checkId}`,
        details: {},
      });
    }
  }

  const pushed = fleetData.flatMap(g => g.pushed);
  await readinessStore.upsertPushedResults(
    pushed,
    pushed.map(p => ({
      at: p.pushedAt,
      actor: p.pushedBy,
      action: 'push' as const,
      entityRef: p.entityRef,
      target: `scorecard:${p.scorecardId}/${p.checkId}`,
      details: {},
    })),
  );

  await knex.raw('ANALYZE');
}

// ------------------------------------------------------ direct evaluation

interface Direct {
  entityRef: string;
  readiness: EntityReadiness;
  scorecards: ScorecardResult[];
  golden: string | null;
}

/** The facts of one entity, as the evaluator builds them (no providers). */
function factsOf(
  g: Generated,
  checksById: Record<string, ChecksConfig['checks'][number]>,
  now: Date,
) {
  const tier = g.indexed.tierStatus === 'ok' ? g.indexed.tier ?? null : null;
  const toilMinutes = g.toil.reduce(
    (sum, t) => sum + t.minutes * t.occurrences,
    0,
  );
  const facts: CheckFacts = {
    ...collectEntityFacts(g.entity),
    ...buildSuiteFacts({
      tier,
      tierModel: TIER_MODEL,
      slos: g.slos,
      alertSources: g.alertSources,
      fleetRow:
        g.noiseRatio === null
          ? undefined
          : ({ noiseRatio: g.noiseRatio } as Parameters<
              typeof buildSuiteFacts
            >[0]['fleetRow']),
      toilMinutesPerWeek: g.toil.length ? toilMinutes : undefined,
    }),
  };
  const pushedAt: Record<string, string> = {};
  for (const result of g.pushed) {
    const check = checksById[result.checkId];
    if (!check?.pushed) continue;
    const age = now.getTime() - Date.parse(result.pushedAt);
    if (!(age <= check.maxAgeDays * DAY_MS)) continue;
    facts[`push.${result.checkId}.passed`] = result.passed;
    facts[`push.${result.checkId}.value`] =
      result.value === undefined ? null : result.value;
    pushedAt[result.checkId] = result.pushedAt;
  }
  return { tier, facts, pushedAt };
}

function evaluateDirect(
  g: Generated,
  built: ReturnType<typeof factsOf>,
  config: ChecksConfig,
  checksById: Record<string, ChecksConfig['checks'][number]>,
  now: Date,
): Direct {
  const { tier, facts, pushedAt } = built;
  const records = g.records.filter(r => !r.revokedAt);
  const readiness = evaluateReadiness({
    items: config.readiness,
    checks: checksById,
    tier,
    facts,
    records,
    now,
    expiryWarningDays: config.expiryWarningDays,
  });
  const type =
    typeof g.entity.spec?.type === 'string' ? g.entity.spec.type : null;
  const scorecards = config.scorecards
    .filter(s =>
      scorecardAppliesTo(s.filter, {
        kind: g.indexed.kind,
        type,
        tier,
        ownerRef: g.indexed.ownerRef ?? null,
      }),
    )
    .map(scorecard =>
      evaluateScorecard({
        scorecard,
        checks: checksById,
        entityRef: g.indexed.entityRef,
        facts,
        records,
        pushedAt,
        now,
      }),
    );
  const golden = scorecards.find(
    s => s.scorecardId === config.goldenPathScorecard,
  );
  return {
    entityRef: g.indexed.entityRef,
    readiness,
    scorecards,
    golden: golden?.level ?? null,
  };
}

// ------------------------------------------------------------- measuring

type Row = {
  database: string;
  phase: string;
  totalMs: number;
  perEntityMs: number;
  p50?: number;
  p99?: number;
  statements?: number;
  writes?: number;
  cpuMs?: number;
};

/** Runs `fn` under the V8 profiler when SCORECARD_BENCH_PROFILE is set. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.SCORECARD_BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}

/** Statements sent, and of those the writes (not SELECT or PRAGMA). */
let writeStatements = 0;
function counter(knex: Knex) {
  let n = 0;
  knex.on('query', (q: { sql: string }) => {
    n++;
    if (!/^\s*(select|pragma)\b/i.test(q.sql)) writeStatements++;
  });
  return () => n;
}

async function measure<T>(
  queries: () => number,
  fn: () => Promise<T>,
): Promise<{
  ms: number;
  cpuMs: number;
  statements: number;
  writes: number;
  value: T;
}> {
  const q0 = queries();
  const w0 = writeStatements;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    statements: queries() - q0,
    writes: writeStatements - w0,
    value,
  };
}

async function latencies(
  refs: string[],
  fn: (ref: string) => Promise<unknown>,
  queries?: () => number,
) {
  const q0 = queries?.() ?? 0;
  const lat: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const ref of refs) {
    const t0 = performance.now();
    await fn(ref);
    lat.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const total = lat.reduce((a, b) => a + b, 0);
  lat.sort((a, b) => a - b);
  return {
    totalMs: total,
    meanMs: total / refs.length,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    statements: queries ? (queries() - q0) / refs.length : undefined,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** JSON with sorted keys (stored records list their fields in another order). */
/**
 * A value's JSON with sorted keys and without `evaluatedAt`: a result that
 * did not change keeps the time of the run that last changed it.
 */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter(k => k !== 'evaluatedAt')
          .sort()
          .map(k => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(JSON.parse(JSON.stringify(value ?? null))));
}

function same(stored: unknown, expected: unknown) {
  return canonical(stored) === canonical(expected);
}

async function runDatabase(
  label: string,
  knex: Knex,
  config: ChecksConfig,
  fleetData: Generated[],
  direct: Direct[],
): Promise<{ rows: Row[]; failures: string[] }> {
  const rows: Row[] = [];
  const failures: string[] = [];
  const fail = (message: string) => {
    failures.push(`${label}: ${message}`);
    process.stderr.write(`${label}: MISMATCH ${message}\n`);
  };
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const readinessStore = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
    skipMigrations: true,
  });
  const fleet = new FleetStore(knex, {
    store,
    logger: quietLogger,
    clock: systemClock,
  });
  const catalog = catalogServiceMock({
    entities: fleetData.map(g => g.entity),
  });
  let clock = T0;
  const evaluator = new ReadinessEvaluator({
    catalog,
    auth: mockServices.auth(),
    store,
    readinessStore,
    fleet,
    config,
    tierModel: TIER_MODEL,
    logger: quietLogger,
    clock: { now: () => clock },
  });
  const queries = counter(knex);

  process.stderr.write(`${label}: seeding ${ENTITIES} entities ...\n`);
  const seeded = await measure(queries, () =>
    seed(knex, store, readinessStore, fleet, fleetData),
  );
  process.stderr.write(
    `${label}: seeded in ${(seeded.ms / 1000).toFixed(1)} s (${
      seeded.statements
    } statements)\n`,
  );

  const fullRun = async (phase: string, profile: string) => {
    const r = await measure(queries, () =>
      profiled(`${label}-${profile}`, () => evaluator.run()),
    );
    if (r.value.evaluated !== ENTITIES) {
      fail(`${phase}: evaluated ${r.value.evaluated}, expected ${ENTITIES}`);
    }
    rows.push({
      database: label,
      phase,
      totalMs: r.ms,
      perEntityMs: r.ms / ENTITIES,
      statements: r.statements,
      writes: r.writes,
      cpuMs: r.cpuMs,
    });
    process.stderr.write(
      `${label} ${phase}: ${(r.ms / 1000).toFixed(2)} s, ${
        r.statements
      } statements (${r.writes} writes), CPU ${(r.cpuMs / 1000).toFixed(
        2,
      )} s, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB\n`,
    );
  };

  clock = T0;
  await fullRun('`run()` cold (first run, writes everything)', 'cold');
  clock = T1;
  await fullRun('`run()` steady state (30 min later)', 'steady');

  // ------------------------------------------------------- verification
  const applicable = direct.filter(d => d.scorecards.length > 0).length;
  const count = async (table: string, where: Record<string, string>) => {
    const [row] = await knex(table).where(where).count({ n: '*' });
    return Number((row as { n: number | string }).n);
  };
  const checkCounts = async (when: string) => {
    const results = await count('reliability_scorecard_results', {
      scorecard_id: SCORECARD,
    });
    if (results !== applicable) {
      fail(`${when}: ${results} scorecard results, expected ${applicable}`);
    }
    const history = await count('reliability_scorecard_history', {
      scorecard_id: SCORECARD,
    });
    if (history !== applicable) {
      fail(`${when}: ${history} history rows, expected ${applicable}`);
    }
    for (const section of ['readiness', 'scorecards']) {
      const n = await count('reliability_sections', { section });
      if (n !== ENTITIES) {
        fail(`${when}: ${n} ${section} sections, expected ${ENTITIES}`);
      }
    }
  };
  await checkCounts('after the steady run');

  const pick = rng(7);
  const sample = Array.from({ length: VERIFY_SAMPLE }, () =>
    Math.floor(pick() * ENTITIES),
  );
  for (const i of sample) {
    const d = direct[i];
    const sections = await store.readSections(d.entityRef);
    if (!same(sections.readiness?.items?.[0], d.readiness)) {
      fail(`stored readiness of ${d.entityRef} differs from a direct call`);
    }
    if (!same(sections.scorecards?.items, d.scorecards)) {
      fail(`stored scorecards section of ${d.entityRef} differs`);
    }
    const stored = await readinessStore.readScorecardResults(d.entityRef);
    if (!same(stored, d.scorecards)) {
      fail(`stored scorecard result of ${d.entityRef} differs`);
    }
  }
  const tally = (values: Array<string | null>) => {
    const out: Record<string, number> = {};
    for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
    return JSON.stringify(Object.entries(out).sort());
  };
  const fleetRows: Array<{
    readiness: string;
    golden_path_level: string | null;
  }> = await knex('reliability_fleet').select('readiness', 'golden_path_level');
  if (
    tally(fleetRows.map(r => r.readiness)) !==
    tally(direct.map(d => d.readiness.status))
  ) {
    fail('fleet readiness column differs from the direct evaluation');
  }
  if (
    tally(fleetRows.map(r => r.golden_path_level)) !==
    tally(direct.map(d => d.golden))
  ) {
    fail('fleet golden-path levels differ from the direct evaluation');
  }
  process.stderr.write(
    `${label}: verified counts (${applicable} scorecard results), ${VERIFY_SAMPLE} sampled entities and fleet columns\n`,
  );
  // What every full run rewrites: the two sections and the result JSON.
  const bytes = async (table: string, column: string, where: object) => {
    const [row] = await knex(table)
      .where(where)
      .select(knex.raw(`SUM(LENGTH(${column})) as n`));
    return Number((row as { n: number | string }).n) / 2 ** 20;
  };
  const readinessMb = await bytes('reliability_sections', 'payload', {
    section: 'readiness',
  });
  const scorecardsMb = await bytes('reliability_sections', 'payload', {
    section: 'scorecards',
  });
  const resultsMb = await bytes('reliability_scorecard_results', 'result', {
    scorecard_id: SCORECARD,
  });
  process.stderr.write(
    `${label}: stored JSON per run: readiness sections ${readinessMb.toFixed(
      1,
    )} MB, scorecards sections ${scorecardsMb.toFixed(
      1,
    )} MB, scorecard results ${resultsMb.toFixed(1)} MB\n`,
  );

  // ------------------------------------------------------ on demand
  const random = rng(42);
  const refAt = () =>
    fleetData[Math.floor(random() * ENTITIES)].indexed.entityRef;
  const warm = Array.from({ length: WARMUP }, refAt);
  const refs = Array.from({ length: SAMPLES }, refAt);
  for (const ref of warm) await evaluator.evaluateEntities([ref]);
  const onDemand = await latencies(
    refs,
    ref => evaluator.evaluateEntities([ref]),
    queries,
  );
  rows.push({
    database: label,
    phase: `\`evaluateEntities([ref])\` on demand, ${SAMPLES} random entities`,
    totalMs: onDemand.totalMs,
    perEntityMs: onDemand.meanMs,
    p50: onDemand.p50,
    p99: onDemand.p99,
    statements: onDemand.statements,
    cpuMs: onDemand.cpuMs,
  });
  process.stderr.write(
    `${label} on demand: p50 ${onDemand.p50.toFixed(
      1,
    )} ms, p99 ${onDemand.p99.toFixed(1)} ms, ${onDemand.statements?.toFixed(
      1,
    )} statements per call\n`,
  );
  const index = await latencies(refs, ref => store.getIndexedEntities([ref]));
  rows.push({
    database: label,
    phase: '… of which `store.getIndexedEntities([ref])`',
    totalMs: index.totalMs,
    perEntityMs: index.meanMs,
    p50: index.p50,
    p99: index.p99,
    statements: 1,
    cpuMs: index.cpuMs,
  });
  const credentials = await mockServices.auth().getOwnServiceCredentials();
  const byRefs = await latencies(refs, ref =>
    catalog.getEntitiesByRefs({ entityRefs: [ref] }, { credentials }),
  );
  rows.push({
    database: label,
    phase: '… of which catalog mock `getEntitiesByRefs([ref])`',
    totalMs: byRefs.totalMs,
    perEntityMs: byRefs.meanMs,
    p50: byRefs.p50,
    p99: byRefs.p99,
    cpuMs: byRefs.cpuMs,
  });
  await checkCounts('after the on-demand calls');

  // The first run of the next day: nothing changed, so it writes the
  // day's history row of each result (and the result row with it).
  clock = new Date(T1.getTime() + DAY_MS);
  await fullRun('`run()` next day, nothing changed (day history)', 'nextday');
  clock = new Date(T1.getTime() + DAY_MS + 30 * 60 * 1000);
  await fullRun('`run()` next day + 30 min, nothing changed', 'nextday2');
  return { rows, failures };
}

// --------------------------------------------------------------- output

const fmt = (v: number | undefined, digits: number) =>
  v === undefined ? '' : v.toFixed(digits);

function table(rows: Row[]) {
  return [
    '| Database | Phase | Total s | ms / entity | p50 ms | p99 ms | SQL statements | of which writes | Node CPU s |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      r =>
        `| ${r.database} | ${r.phase} | ${fmt(r.totalMs / 1000, 2)} | ${fmt(
          r.perEntityMs,
          r.perEntityMs < 0.1 ? 3 : 2,
        )} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${
          r.statements === undefined
            ? ''
            : Number.isInteger(r.statements)
            ? r.statements
            : r.statements.toFixed(1)
        } | ${r.writes ?? ''} | ${fmt(
          r.cpuMs === undefined ? undefined : r.cpuMs / 1000,
          2,
        )} |`,
    ),
  ].join('\n');
}

async function main() {
  const config = buildConfig(CHECKS);
  const checksById = Object.fromEntries(config.checks.map(c => [c.id, c]));
  const fleetData = generate(config);
  process.stderr.write(
    `config: ${config.checks.length} checks, ${
      config.readiness.length
    } readiness items (${
      config.readiness.filter(r => r.kind === 'attested').length
    } attested), scorecard levels ${config.scorecards[0].levels
      .map(l => `${l.id}=${l.checks.length}`)
      .join(' ')}\n`,
  );

  // The pure part: facts, then readiness and scorecards over them.
  const rows: Row[] = [];
  const factsRun = await measure(
    () => 0,
    async () => fleetData.map(g => factsOf(g, checksById, T1)),
  );
  const built = factsRun.value;
  const pure = await measure(
    () => 0,
    async () =>
      fleetData.map((g, i) =>
        evaluateDirect(g, built[i], config, checksById, T1),
      ),
  );
  const direct = pure.value;
  rows.push(
    {
      database: '(none)',
      phase:
        'facts alone: `collectEntityFacts` + `buildSuiteFacts` + push facts',
      totalMs: factsRun.ms,
      perEntityMs: factsRun.ms / ENTITIES,
      cpuMs: factsRun.cpuMs,
    },
    {
      database: '(none)',
      phase:
        'pure evaluation alone: `evaluateReadiness` + `evaluateScorecard` over pre-built facts',
      totalMs: pure.ms,
      perEntityMs: pure.ms / ENTITIES,
      cpuMs: pure.cpuMs,
    },
  );
  const applicable = direct.filter(d => d.scorecards.length > 0).length;
  const statuses: Record<string, number> = {};
  for (const d of direct) {
    statuses[d.readiness.status] = (statuses[d.readiness.status] ?? 0) + 1;
  }
  process.stderr.write(
    `direct: facts ${factsRun.ms.toFixed(0)} ms, evaluation ${pure.ms.toFixed(
      0,
    )} ms; ${applicable} entities with a scorecard; readiness ${JSON.stringify(
      statuses,
    )}; records ${fleetData.reduce(
      (n, g) => n + g.records.length,
      0,
    )}, pushed ${fleetData.reduce((n, g) => n + g.pushed.length, 0)}\n`,
  );

  const failures: string[] = [];
  await forEachBenchDatabase(
    { name: 'scorecard_bench', pgUrlEnv: 'SCORECARD_BENCH_PG_URL' },
    async (label, knex) => {
      const r = await runDatabase(label, knex, config, fleetData, direct);
      rows.push(...r.rows);
      failures.push(...r.failures);
    },
  );

  process.stdout.write(
    [
      `Readiness and scorecards, ${ENTITIES} entities x ${
        config.checks.length
      } checks (${config.readiness.length} readiness items, ${
        config.scorecards[0].levels.length
      }-level scorecard applying to ${applicable} entities), ${
        os.cpus().length
      } CPUs, Node ${process.version}, load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')} at the end.`,
      '',
      table(rows),
      '',
      failures.length
        ? `**${failures.length} verification failures**`
        : 'Verification: stored results match a direct evaluation.',
      '',
    ].join('\n'),
  );
  process.exit(failures.length ? 1 : 0);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
