import {
  EntityReadiness,
  ReadinessItemResult,
  ReadinessItemState,
  ReadinessRecord,
  ReadinessStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { evaluateCheck } from './evaluateCheck';
import { isReadinessRecordActive } from './isReadinessRecordActive';
import {
  describeExemption,
  formatDay,
  newestRecord,
  sameEntityRef,
} from './recordDetails';
import {
  CheckDefinition,
  CheckFacts,
  CheckOutcome,
  ReadinessItemDefinition,
} from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The input of {@link evaluateReadiness}.
 *
 * @public
 */
export interface EvaluateReadinessInput {
  /** The readiness items that apply to the entity. */
  items: ReadinessItemDefinition[];
  /** The configured checks by id. */
  checks: Record<string, CheckDefinition>;
  /** The entity's tier id; null when missing or invalid. */
  tier: string | null;
  /** The facts of the entity. */
  facts: CheckFacts;
  /**
   * Attestations and exemptions; may include revoked and expired records
   * and records about other items, scorecard checks or (when `entityRef` is
   * given) other entities, which are ignored.
   */
  records: ReadinessRecord[];
  /** The evaluation time (expiry of attestations and exemptions). */
  now: Date;
  /** Satisfied items whose record expires within this many days are `expiring`. */
  expiryWarningDays: number;
  /** The entity's ref; when given, records of other entities are ignored. */
  entityRef?: string;
}

interface ItemState {
  state: ReadinessItemState;
  detail: string;
  attestation?: ReadinessRecord;
  exemption?: ReadinessRecord;
  expiresAt?: string;
}

function automaticOutcome(
  item: ReadinessItemDefinition,
  checks: Record<string, CheckDefinition>,
  facts: CheckFacts,
): CheckOutcome {
  if (!item.check) {
    return { passed: false, detail: 'No check is configured for this item' };
  }
  const check = Object.prototype.hasOwnProperty.call(checks, item.check)
    ? checks[item.check]
    : undefined;
  if (!check) {
    return { passed: false, detail: `Unknown check "${item.check}"` };
  }
  return evaluateCheck(check, facts);
}

function attestedState(attestations: ReadinessRecord[], now: Date): ItemState {
  const attestation = newestRecord(
    attestations.filter(r => isReadinessRecordActive(r, now)),
  );
  if (attestation) {
    const until = attestation.expiresAt
      ? ` until ${formatDay(attestation.expiresAt)}`
      : '';
    return {
      state: 'attested',
      detail: `Attested by ${attestation.createdBy} on ${formatDay(
        attestation.createdAt,
      )}${until}`,
      attestation,
      expiresAt: attestation.expiresAt,
    };
  }
  const last = newestRecord(attestations.filter(r => !r.revokedAt));
  return {
    state: 'missing',
    detail: last?.expiresAt
      ? `The attestation expired on ${formatDay(last.expiresAt)}`
      : 'No attestation',
  };
}

function evaluateItem(
  item: ReadinessItemDefinition,
  input: EvaluateReadinessInput,
  required: boolean,
  warningMs: number,
): ReadinessItemResult {
  const { now } = input;
  const records = input.records.filter(
    r =>
      r.target.kind === 'readiness' &&
      r.target.itemId === item.id &&
      (input.entityRef === undefined ||
        sameEntityRef(r.entityRef, input.entityRef)),
  );

  let result: ItemState;
  if (item.kind === 'attested') {
    result = attestedState(
      records.filter(r => r.type === 'attestation'),
      now,
    );
  } else {
    const { passed, detail } = automaticOutcome(
      item,
      input.checks,
      input.facts,
    );
    result = { state: passed ? 'passed' : 'failed', detail };
  }

  if (result.state === 'failed' || result.state === 'missing') {
    const exemption = newestRecord(
      records.filter(
        r => r.type === 'exemption' && isReadinessRecordActive(r, now),
      ),
    );
    if (exemption) {
      result = {
        state: 'exempt',
        detail: `${describeExemption(exemption)} (${result.detail})`,
        exemption,
        expiresAt: exemption.expiresAt,
      };
    }
  }

  let state = result.state;
  if (!required && (state === 'failed' || state === 'missing')) {
    state = 'not-required';
  } else if (
    required &&
    (state === 'attested' || state === 'exempt') &&
    result.expiresAt &&
    Date.parse(result.expiresAt) - now.getTime() <= warningMs
  ) {
    state = 'expiring';
  }

  const itemResult: ReadinessItemResult = {
    id: item.id,
    title: item.title,
    group: item.group,
    kind: item.kind,
    required,
    state,
    detail: result.detail,
  };
  if (item.description !== undefined) itemResult.description = item.description;
  if (item.howToFix !== undefined) itemResult.howToFix = item.howToFix;
  if (result.expiresAt !== undefined) itemResult.expiresAt = result.expiresAt;
  if (result.attestation) itemResult.attestation = result.attestation;
  if (result.exemption) itemResult.exemption = result.exemption;
  if (item.validityDays !== undefined) {
    itemResult.validityDays = item.validityDays;
  }
  return itemResult;
}

/**
 * Evaluates an entity's production readiness for its tier.
 *
 * An item is required when the entity's tier is among the item's tiers.
 * Automatic items are `passed` or `failed` by their check; attested items
 * are `attested` by the newest valid attestation, or `missing`. Only
 * records about the item that are not revoked and expire after `now` count
 * (the newest by `createdAt` wins). A valid exemption turns `failed` or
 * `missing` into `exempt`. A required item that is attested or exempt
 * until at most `expiryWarningDays` from now is `expiring`. Items that are
 * not required are `not-required` instead of `failed` or `missing`.
 *
 * The status is `unknown` without a tier; else `not-ready` when a required
 * item is failed or missing, else `expiring` when one expires soon, else
 * `exempt` when one is exempt, else `ready`.
 *
 * @public
 */
export function evaluateReadiness(
  input: EvaluateReadinessInput,
): EntityReadiness {
  const { tier, now } = input;
  const warningDays = Number.isFinite(input.expiryWarningDays)
    ? Math.max(0, input.expiryWarningDays)
    : 0;
  const items = input.items.map(item =>
    evaluateItem(
      item,
      input,
      tier !== null && item.tiers.includes(tier),
      warningDays * DAY_MS,
    ),
  );

  const missing = items
    .filter(i => i.required && (i.state === 'failed' || i.state === 'missing'))
    .map(i => i.id);
  const expiring = items
    .filter(i => i.required && i.state === 'expiring')
    .map(i => i.id);

  let status: ReadinessStatus;
  if (tier === null) {
    status = 'unknown';
  } else if (missing.length > 0) {
    status = 'not-ready';
  } else if (expiring.length > 0) {
    status = 'expiring';
  } else if (items.some(i => i.required && i.state === 'exempt')) {
    status = 'exempt';
  } else {
    status = 'ready';
  }

  return {
    tier,
    status,
    missing,
    expiring,
    items,
    evaluatedAt: now.toISOString(),
  };
}
