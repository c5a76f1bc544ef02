/**
 * An attestation or an exemption, as stored. Attestations confirm an
 * `attested` readiness item with evidence; exemptions excuse an entity from
 * a readiness item or a scorecard check, with a reason and an expiry.
 *
 * @public
 */
export interface ReadinessRecord {
  id: string;
  entityRef: string;
  type: 'attestation' | 'exemption';
  /** What it is about: a readiness item or a scorecard check. */
  target:
    | { kind: 'readiness'; itemId: string }
    | { kind: 'scorecard-check'; scorecardId: string; checkId: string };
  /** Who created it (a user entity ref). */
  createdBy: string;
  createdAt: string;
  /** Why (exemptions) or a comment (attestations). */
  reason: string;
  /** An evidence URL (required for attestations). */
  evidenceUrl?: string;
  /** When it stops counting; absent = never. */
  expiresAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  revokeReason?: string;
}

/**
 * One entry of the append-only audit log.
 *
 * @public
 */
export interface AuditEntry {
  id: number;
  at: string;
  /** Who did it: a user or service principal. */
  actor: string;
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
    | 'policy.revoke';
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
  id: string;
  title: string;
  group: string;
  description?: string;
  howToFix?: string;
  kind: 'automatic' | 'attested';
  required: boolean;
  state: ReadinessItemState;
  /** Why, in words (the check's detail, or who attested when). */
  detail: string;
  /** When the state stops holding (attestation or exemption expiry). */
  expiresAt?: string;
  attestation?: ReadinessRecord;
  exemption?: ReadinessRecord;
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
  tier: string | null;
  status: ReadinessStatus;
  /** Ids of required items that fail or are missing. */
  missing: string[];
  /** Ids of required items whose attestation or exemption expires soon. */
  expiring: string[];
  items: ReadinessItemResult[];
  evaluatedAt: string;
}

/**
 * The state of one scorecard check for an entity.
 *
 * @public
 */
export interface ScorecardCheckResult {
  checkId: string;
  title: string;
  description?: string;
  howToFix?: string;
  /** The level the check belongs to. */
  level: string;
  weight: number;
  state: 'passed' | 'failed' | 'exempt';
  detail: string;
  pushed: boolean;
  /** When the result used was pushed (pushed checks). */
  pushedAt?: string;
  exemption?: ReadinessRecord;
}

/**
 * An entity's result on one scorecard: an item of the `scorecards` section.
 *
 * @public
 */
export interface ScorecardResult {
  scorecardId: string;
  title: string;
  entityRef: string;
  /** The highest level reached; null when not even the first. */
  level: string | null;
  levelTitle: string | null;
  /** The next level above `level`; null at the top. */
  nextLevel: string | null;
  nextLevelTitle: string | null;
  /** Checks of the next level (and below) that do not pass. */
  missingForNextLevel: string[];
  /** Passed (and exempt) weight / total weight, 0..1. */
  score: number;
  checks: ScorecardCheckResult[];
  evaluatedAt: string;
}

/**
 * A scorecard definition as served by `GET /scorecards`, with adoption.
 *
 * @public
 */
export interface ScorecardSummary {
  id: string;
  title: string;
  description?: string;
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
  evaluatedAt: string | null;
}

/**
 * The answer of `GET /scorecards`.
 *
 * @public
 */
export interface ScorecardList {
  items: ScorecardSummary[];
}

/**
 * One row of `GET /scorecards/:id/results`.
 *
 * @public
 */
export interface ScorecardResultRow {
  entityRef: string;
  ownerRef: string | null;
  tier: string | null;
  level: string | null;
  score: number;
  /** Ids of failing checks (all levels). */
  failing: string[];
  evaluatedAt: string;
}

/**
 * The answer of
 * `GET /scorecards/:id/results?owner&tier&level&failing&cursor&limit`.
 *
 * @public
 */
export interface ScorecardResultsPage {
  scorecardId: string;
  items: ScorecardResultRow[];
  nextCursor?: string;
  totalCount: number;
}

/**
 * Adoption of a scorecard per group: the answer of
 * `GET /scorecards/:id/summary?groupBy=owner|tier`.
 *
 * @public
 */
export interface ScorecardAdoption {
  scorecardId: string;
  groupBy: 'owner' | 'tier';
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
  day: string;
  entities: number;
  byLevel: Record<string, number>;
  adoption: number;
  meanScore: number;
}

/**
 * One day of an entity's scorecard history:
 * `GET /entities/:kind/:namespace/:name/scorecards/:id/history`.
 *
 * @public
 */
export interface ScorecardHistoryPoint {
  day: string;
  level: string | null;
  score: number;
}

/**
 * The body of `POST /scorecards/:id/checks/:checkId/results`: one result,
 * or up to 500 in `results`.
 *
 * @public
 */
export interface PushedCheckResultInput {
  entityRef: string;
  passed: boolean;
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
  checkId: string;
  scorecardId: string;
  pushedBy: string;
  pushedAt: string;
}

/**
 * The body of `POST .../readiness/:itemId/attestations`.
 *
 * @public
 */
export interface AttestationInput {
  evidenceUrl: string;
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
  reason?: string;
}
