/**
 * An attestation or an exemption, as stored. Attestations confirm an
 * `attested` readiness item with evidence; exemptions excuse an entity from
 * a readiness item or a scorecard check, with a reason and an expiry.
 *
 * @public
 */
export interface ReadinessRecord {
  /** The record id. */
  id: string;
  /** The entity the record is about. */
  entityRef: string;
  /** An attestation (done, with evidence) or an exemption (not needed). */
  type: 'attestation' | 'exemption';
  /** What it is about: a readiness item or a scorecard check. */
  target:
    | { kind: 'readiness'; itemId: string }
    | { kind: 'scorecard-check'; scorecardId: string; checkId: string };
  /** Who created it (a user entity ref). */
  createdBy: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** Why (exemptions) or a comment (attestations). */
  reason: string;
  /** An evidence URL (required for attestations). */
  evidenceUrl?: string;
  /** When it stops counting; absent = never. */
  expiresAt?: string;
  /** When it was revoked (ISO 8601), if it was. */
  revokedAt?: string;
  /** Who revoked it (a user entity ref). */
  revokedBy?: string;
  /** Why it was revoked. */
  revokeReason?: string;
}

/**
 * One entry of the append-only audit log.
 *
 * @public
 */
export interface AuditEntry {
  /** The entry id, increasing. */
  id: number;
  /** When it happened (ISO 8601). */
  at: string;
  /** Who did it: a user or service principal. */
  actor: string;
  /** What was done. */
  action:
    | 'attest'
    | 'exempt'
    | 'revoke'
    | 'push'
    | 'toil.create'
    | 'toil.update'
    | 'toil.delete'
    | 'policy.transition'
    | 'policy.except'
    | 'policy.revoke'
    | 'campaign.create'
    | 'campaign.update'
    | 'campaign.end'
    | 'campaign.exempt'
    | 'campaign.promote';
  /** The entity it was done to. */
  entityRef: string;
  /** e.g. `readiness:backup-restore` or `scorecard:golden-path/ci-template`. */
  target: string;
  /** The record or payload the action wrote. */
  details: Record<string, unknown>;
}

/**
 * The state of one readiness item for an entity.
 *
 * - `passed`: its check passes (automatic items).
 * - `attested`: a valid attestation confirms it.
 * - `expiring`: passed or attested, but the attestation (or the exemption)
 *   runs out within the warning period.
 * - `failed`: its check fails (automatic items).
 * - `missing`: no valid attestation (attested items; expired ones included).
 * - `exempt`: an exemption excuses it.
 * - `not-required`: the entity's tier does not require it.
 *
 * @public
 */
export type ReadinessItemState =
  | 'passed'
  | 'attested'
  | 'expiring'
  | 'failed'
  | 'missing'
  | 'exempt'
  | 'not-required';

/**
 * One readiness item of an entity, evaluated.
 *
 * @public
 */
export interface ReadinessItemResult {
  /** The item id. */
  id: string;
  /** The item title. */
  title: string;
  /** The group the item is shown in. */
  group: string;
  /** What the item asks for. */
  description?: string;
  /** How to satisfy the item. */
  howToFix?: string;
  /** Checked automatically, or attested by a person. */
  kind: 'automatic' | 'attested';
  /** Whether the entity's tier requires it. */
  required: boolean;
  /** The state of the item. */
  state: ReadinessItemState;
  /** Why, in words (the check's detail, or who attested when). */
  detail: string;
  /** When the state stops holding (attestation or exemption expiry). */
  expiresAt?: string;
  /** The attestation that counts, if any. */
  attestation?: ReadinessRecord;
  /** The exemption that counts, if any. */
  exemption?: ReadinessRecord;
  /** How long an attestation counts, in days. */
  validityDays?: number;
}

/**
 * The readiness of an entity for its tier.
 *
 * - `ready`: every required item passes or is attested.
 * - `not-ready`: some required item fails or is missing (`missing` names them).
 * - `expiring`: ready, but an attestation or exemption of a required item
 *   runs out within the warning period (`expiring` names them).
 * - `exempt`: ready only because of exemptions.
 * - `unknown`: the entity has no valid tier, so nothing is required.
 *
 * @public
 */
export type ReadinessStatus =
  | 'ready'
  | 'not-ready'
  | 'expiring'
  | 'exempt'
  | 'unknown';

/**
 * The readiness of an entity: the item of the `readiness` section.
 *
 * @public
 */
export interface EntityReadiness {
  /** The entity's tier id; null when missing or invalid. */
  tier: string | null;
  /** The readiness status of the entity. */
  status: ReadinessStatus;
  /** Ids of required items that fail or are missing. */
  missing: string[];
  /** Ids of required items whose attestation or exemption expires soon. */
  expiring: string[];
  /** One result per readiness item. */
  items: ReadinessItemResult[];
  /** When readiness was evaluated (ISO 8601). */
  evaluatedAt: string;
}

/**
 * The state of one scorecard check for an entity.
 *
 * @public
 */
export interface ScorecardCheckResult {
  /** The check id. */
  checkId: string;
  /** The check title. */
  title: string;
  /** What the check verifies. */
  description?: string;
  /** How to make the check pass. */
  howToFix?: string;
  /** The level the check belongs to. */
  level: string;
  /** The weight of the check in the score. */
  weight: number;
  /** Whether the check passed, failed or is exempt. */
  state: 'passed' | 'failed' | 'exempt';
  /** Why, in words. */
  detail: string;
  /** Whether the result is pushed by an external system. */
  pushed: boolean;
  /** When the result used was pushed (pushed checks). */
  pushedAt?: string;
  /** The exemption that counts, if any. */
  exemption?: ReadinessRecord;
}

/**
 * An entity's result on one scorecard: an item of the `scorecards` section.
 *
 * @public
 */
export interface ScorecardResult {
  /** The scorecard id. */
  scorecardId: string;
  /** The scorecard title. */
  title: string;
  /** The evaluated entity. */
  entityRef: string;
  /** The highest level reached; null when not even the first. */
  level: string | null;
  /** The title of the highest level reached; null for none. */
  levelTitle: string | null;
  /** The next level above `level`; null at the top. */
  nextLevel: string | null;
  /** The title of the next level; null at the top. */
  nextLevelTitle: string | null;
  /** Checks of the next level (and below) that do not pass. */
  missingForNextLevel: string[];
  /** Passed (and exempt) weight / total weight, 0..1. */
  score: number;
  /** One result per check. */
  checks: ScorecardCheckResult[];
  /** When the scorecard was evaluated (ISO 8601). */
  evaluatedAt: string;
}

/**
 * A scorecard definition as served by `GET /scorecards`, with adoption.
 *
 * @public
 */
export interface ScorecardSummary {
  /** The scorecard id. */
  id: string;
  /** The scorecard title. */
  title: string;
  /** What the scorecard measures. */
  description?: string;
  /** The levels, lowest first, with their checks. */
  levels: Array<{
    id: string;
    title: string;
    checks: Array<{
      id: string;
      title: string;
      weight: number;
      pushed: boolean;
    }>;
  }>;
  /** Visible entities the scorecard applies to that have a stored result. */
  entities: number;
  /** Entities at each level (highest reached), by level id; `none` for below the first. */
  byLevel: Record<string, number>;
  /** Entities at any level / entities; null without entities. */
  adoption: number | null;
  /** When the newest result was evaluated; null without results. */
  evaluatedAt: string | null;
}

/**
 * The answer of `GET /scorecards`.
 *
 * @public
 */
export interface ScorecardList {
  /** The configured scorecards. */
  items: ScorecardSummary[];
}

/**
 * One row of `GET /scorecards/:id/results`.
 *
 * @public
 */
export interface ScorecardResultRow {
  /** The entity. */
  entityRef: string;
  /** The owning group ref; null without an owner. */
  ownerRef: string | null;
  /** The tier id; null when missing or invalid. */
  tier: string | null;
  /** The id of the highest level reached; null for none. */
  level: string | null;
  /** The weighted share of checks passed, in [0, 1]. */
  score: number;
  /** Ids of failing checks (all levels). */
  failing: string[];
  /** When it was evaluated (ISO 8601). */
  evaluatedAt: string;
}

/**
 * The answer of
 * `GET /scorecards/:id/results?owner&tier&level&failing&cursor&limit`.
 *
 * @public
 */
export interface ScorecardResultsPage {
  /** The scorecard id. */
  scorecardId: string;
  /** The rows of this page. */
  items: ScorecardResultRow[];
  /** The cursor of the next page; absent on the last. */
  nextCursor?: string;
  /** Rows on every page. */
  totalCount: number;
}

/**
 * Adoption of a scorecard per group: the answer of
 * `GET /scorecards/:id/summary?groupBy=owner|tier`.
 *
 * @public
 */
export interface ScorecardAdoption {
  /** The scorecard id. */
  scorecardId: string;
  /** What the groups are. */
  groupBy: 'owner' | 'tier';
  /** One entry per owner or tier. */
  groups: Array<{
    key: string | null;
    entities: number;
    byLevel: Record<string, number>;
    /** Share of entities at any level. */
    adoption: number;
    meanScore: number;
  }>;
}

/**
 * One day of a scorecard's trend: the answer items of
 * `GET /scorecards/:id/trend?days=90`.
 *
 * @public
 */
export interface ScorecardTrendPoint {
  /** The day (YYYY-MM-DD, UTC). */
  day: string;
  /** Entities with a result that day. */
  entities: number;
  /** Entities at each level, by level id. */
  byLevel: Record<string, number>;
  /** Share of entities at any level. */
  adoption: number;
  /** The mean score. */
  meanScore: number;
}

/**
 * One day of an entity's scorecard history:
 * `GET /entities/:kind/:namespace/:name/scorecards/:id/history`.
 *
 * @public
 */
export interface ScorecardHistoryPoint {
  /** The day (YYYY-MM-DD, UTC). */
  day: string;
  /** The id of the highest level reached; null for none. */
  level: string | null;
  /** The score, in [0, 1]. */
  score: number;
}

/**
 * The body of `POST /scorecards/:id/checks/:checkId/results`: one result,
 * or up to 500 in `results`.
 *
 * @public
 */
export interface PushedCheckResultInput {
  /** The entity the result is about. */
  entityRef: string;
  /** Whether the check passed. */
  passed: boolean;
  /** The measured value, shown as detail. */
  value?: number | string | boolean;
  /** A short message shown with the check, at most 1,000 characters. */
  details?: string;
  /** A link to the CI run. */
  url?: string;
}

/**
 * A pushed result as stored.
 *
 * @public
 */
export interface StoredPushedResult extends PushedCheckResultInput {
  /** The check id. */
  checkId: string;
  /** The scorecard id. */
  scorecardId: string;
  /** Who pushed it (a service or user principal). */
  pushedBy: string;
  /** When it was pushed (ISO 8601). */
  pushedAt: string;
}

/**
 * The body of `POST .../readiness/:itemId/attestations`.
 *
 * @public
 */
export interface AttestationInput {
  /** A link to the evidence. */
  evidenceUrl: string;
  /** A comment. */
  comment?: string;
  /** Defaults to now + the item's validity period. */
  expiresAt?: string;
}

/**
 * The body of exemption endpoints.
 *
 * @public
 */
export interface ExemptionInput {
  /** Why the item or check does not apply. */
  reason: string;
  /** Required: exemptions always expire (at most a year ahead). */
  expiresAt: string;
}

/**
 * The body of `POST .../readiness-records/:id/revoke`.
 *
 * @public
 */
export interface RevokeInput {
  /** Why the record is revoked. */
  reason?: string;
}
