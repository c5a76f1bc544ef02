/**
 * A fact value a check can compare: a number, a string, a boolean, a list of
 * strings, or null when the fact is unknown (missing annotation, no data).
 *
 * @public
 */
export type CheckFactValue = number | string | boolean | string[] | null;

/**
 * The facts known about one entity, by name. Names:
 *
 * - `annotation:<key>`, `label:<key>`: the entity's annotation or label.
 * - `metadata.<path>`, `spec.<path>`: a value of the entity (dotted path),
 *   e.g. `metadata.tags`, `spec.type`, `spec.lifecycle`.
 * - `relation:<type>`: target refs of the entity's relations of that type,
 *   e.g. `relation:ownedBy`.
 * - `links.url`, `links.type`, `links.title`: the entity's links.
 * - `reliability.<fact>`: facts of this suite (see {@link SUITE_FACTS}).
 * - `push.<checkId>.passed`, `push.<checkId>.value`: the latest result pushed
 *   for a check (null when none, or older than the check's `maxAgeDays`).
 * - `<providerId>.<fact>`: facts of a provider added through the `-node`
 *   extension point.
 *
 * A name that is not present is unknown (null).
 *
 * @public
 */
export type CheckFacts = Record<string, CheckFactValue>;

/**
 * The facts this suite computes for every entity.
 *
 * @public
 */
export const SUITE_FACTS = {
  'reliability.tier': 'the tier id, null when missing or invalid',
  'reliability.tierMinimumObjective':
    'the minimum SLO objective of the tier, null when the tier has none',
  'reliability.sloCount': 'number of SLOs',
  'reliability.sloStatus':
    'worst SLO status: healthy, at-risk, breaching, no-data, no-slo',
  'reliability.lowestObjective': 'the lowest SLO objective, null without SLOs',
  'reliability.runbookCoverage':
    'share of alert rules with a runbook_url (0..1), null without rules',
  'reliability.alertRuleCount': 'number of alert rules matched',
  'reliability.alertNoiseRatio':
    'noise candidates / incidents over 28 days, null without incidents',
  'reliability.onCallConfigured':
    'true when the entity has a paging source (PagerDuty service or alerts)',
  'reliability.toilHoursPerWeek': 'self-reported toil, hours per week',
} as const;

/**
 * An operand of a comparison: a literal, or another fact's value.
 *
 * @public
 */
export type CheckOperand = number | string | boolean | { fact: string };

/**
 * One rule of the check language (written in YAML in app-config):
 *
 * ```yaml
 * all:
 *   - { fact: annotation:backstage.io/techdocs-ref, exists: true }
 *   - { fact: spec.lifecycle, in: [production, experimental] }
 *   - { fact: reliability.lowestObjective, gte: { fact: reliability.tierMinimumObjective } }
 *   - not: { fact: label:deprecated, equals: 'true' }
 *   - any:
 *       - { fact: links.type, equals: dashboard }
 *       - { fact: annotation:grafana/dashboard-selector, matches: '.+' }
 * ```
 *
 * A comparison names exactly one operator. On a list fact, `equals`, `in`
 * and `matches` pass when any element does. `gte`/`lte` need numbers.
 * Unknown facts fail every comparison except `exists: false`.
 *
 * @public
 */
export type CheckRule =
  | { all: CheckRule[] }
  | { any: CheckRule[] }
  | { not: CheckRule }
  | { fact: string; exists: boolean }
  | { fact: string; equals: CheckOperand }
  | { fact: string; in: Array<number | string | boolean> }
  | { fact: string; gte: CheckOperand }
  | { fact: string; lte: CheckOperand }
  | { fact: string; matches: string };

/**
 * The outcome of evaluating a rule on an entity's facts.
 *
 * @public
 */
export interface CheckOutcome {
  /** Whether the check passed. */
  passed: boolean;
  /** Why, in words, e.g. `reliability.lowestObjective is 0.99, needs >= 0.999`. */
  detail: string;
}

/**
 * A check from `reliability.checks`: a named rule that readiness items and
 * scorecards refer to by id.
 *
 * @public
 */
export interface CheckDefinition {
  /** The check id, unique in the configuration. */
  id: string;
  /** The title shown to users. */
  title: string;
  /** What the check verifies and why. */
  description?: string;
  /** Markdown. */
  howToFix?: string;
  /**
   * The rule. Checks with `pushed: true` may leave it out: they pass when the
   * latest pushed result passed (`push.<id>.passed equals true`).
   */
  rule: CheckRule;
  /** True when results are pushed from CI through the push API. */
  pushed: boolean;
  /** Pushed results older than this are ignored (unknown). Default 30. */
  maxAgeDays: number;
}

/**
 * A production-readiness item from `reliability.readiness.items`.
 *
 * @public
 */
export interface ReadinessItemDefinition {
  /** The item id, unique in the configuration. */
  id: string;
  /** The title shown to users. */
  title: string;
  /** Group shown in the checklist, e.g. `Observability`. */
  group: string;
  /** What the item asks for and why. */
  description?: string;
  /** Markdown. */
  howToFix?: string;
  /** The tiers that require the item. */
  tiers: string[];
  /** `automatic`: a check decides; `attested`: a person confirms with evidence. */
  kind: 'automatic' | 'attested';
  /** The check id, for `automatic` items. */
  check?: string;
  /** How long an attestation is valid, for `attested` items; none = forever. */
  validityDays?: number;
}

/**
 * The entities a scorecard applies to. Every given list must match (and
 * within a list, any value). Empty = every component.
 *
 * @public
 */
export interface ScorecardFilter {
  /** Lower-case kinds, e.g. `component`. Default `[component]`. */
  kind?: string[];
  /** `spec.type` values, e.g. `service`. */
  type?: string[];
  /** The tier ids the scorecard applies to; every tier when not set. */
  tier?: string[];
  /** Owner entity refs, e.g. `group:default/team-a`. */
  owner?: string[];
}

/**
 * A check of a scorecard level, with its weight in the score.
 *
 * @public
 */
export interface ScorecardCheckRef {
  /** The id of the check. */
  check: string;
  /** The weight of the check in the score. */
  weight: number;
}

/**
 * A level of a scorecard (e.g. bronze), lowest first.
 *
 * @public
 */
export interface ScorecardLevelDefinition {
  /** The level id, unique in the scorecard. */
  id: string;
  /** The title shown to users, e.g. `Gold`. */
  title: string;
  /** The checks an entity must pass to reach the level. */
  checks: ScorecardCheckRef[];
}

/**
 * A scorecard from `reliability.scorecards`.
 *
 * @public
 */
export interface ScorecardDefinition {
  /** The scorecard id, unique in the configuration. */
  id: string;
  /** The title shown to users. */
  title: string;
  /** What the scorecard measures. */
  description?: string;
  /** Which entities the scorecard applies to. */
  filter: ScorecardFilter;
  /** Lowest first. An entity reaches a level when it passes every check of it and of the levels below. */
  levels: ScorecardLevelDefinition[];
}

/**
 * Validated configuration of readiness and scorecards.
 *
 * @public
 */
export interface ChecksConfig {
  /** Every configured check. */
  checks: CheckDefinition[];
  /** The production readiness items. */
  readiness: ReadinessItemDefinition[];
  /** The scorecards. */
  scorecards: ScorecardDefinition[];
  /** The scorecard shown as the golden-path level in the fleet; default the first. */
  goldenPathScorecard?: string;
  /** Readiness warns this many days before an attestation or exemption expires. Default 14. */
  expiryWarningDays: number;
}
