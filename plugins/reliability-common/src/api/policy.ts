/**
 * The error-budget policy of an entity, as the backend serves it: the state
 * the policy's state machine is in, since when and why, what the state
 * allows, the exceptions granted and the transitions so far.
 *
 * @public
 */
export interface PolicyStateView {
  /** The policy applied (the entity's tier, or `default`). */
  policyId: string;
  /** The current state's id, e.g. `ok`, `warning`, `exhausted`. */
  state: string;
  /** The state's place in the policy: 0 for the first (best) state. */
  level: number;
  /** When the entity entered the state (ISO 8601). */
  since: string;
  /** Why it is in the state (the conditions that held). */
  reasons: string[];
  /** Whether the state allows deploys (before exceptions). */
  deploysAllowed: boolean;
  /** What the state means: its description and required actions. */
  description?: string;
  /** What the owners must do while in the state. */
  requiredActions: string[];
  /** The changes still allowed in the state, e.g. `P0 fix`. */
  allowedChanges: string[];
  /** When the state was last evaluated (ISO 8601). */
  computedAt: string;
  /** Whether the SLO data it was evaluated from is stale. */
  stale: boolean;
  /** Why the data is stale, when it is. */
  staleReason?: string;
}

/**
 * An exception to an entity's error-budget policy: deploys are allowed
 * despite its state until it expires or is revoked.
 *
 * @public
 */
export interface PolicyException {
  /** The exception's id. */
  id: string;
  /** The entity it applies to. */
  entityRef: string;
  /** One of the configured exception kinds, e.g. `dependency-outage`. */
  kind: string;
  /** Why it was granted. */
  reason: string;
  /** The user who granted it. */
  createdBy: string;
  /** When it was granted (ISO 8601). */
  createdAt: string;
  /** When it ends (ISO 8601). */
  expiresAt: string;
  /** When it was revoked, if it was (ISO 8601). */
  revokedAt?: string;
  /** The user who revoked it. */
  revokedBy?: string;
}

/**
 * One change of an entity's policy state.
 *
 * @public
 */
export interface PolicyTransition {
  /** The entity whose state changed. */
  entityRef: string;
  /** The state before, or null for the first evaluation. */
  from: string | null;
  /** The state after. */
  to: string;
  /** When it changed (ISO 8601). */
  at: string;
  /** Why it changed. */
  reasons: string[];
}

/**
 * The answer of `GET /entities/:kind/:namespace/:name/policy`.
 *
 * @public
 */
export interface EntityPolicyResponse {
  /** The entity. */
  entityRef: string;
  /** Absent when no policy state has been computed yet. */
  policy?: PolicyStateView;
  /** Exceptions in force now. */
  exceptions: PolicyException[];
  /** Recent transitions and exceptions (newest first). */
  history: PolicyTransition[];
  /** Exceptions that expired or were revoked (newest first). */
  pastExceptions: PolicyException[];
  /** The configured exception kinds (for the exception dialog). */
  exceptionKinds: string[];
  /** How many days ahead an exception may expire at most. */
  exceptionMaxDays: number;
}

/**
 * The answer of the deploy gate, `GET /gate/:kind/:namespace/:name`.
 *
 * @public
 */
export interface GateResponse {
  /** The entity. */
  entityRef: string;
  /** Whether a deploy may go ahead now. */
  deployAllowed: boolean;
  /** The policy state, or null when none has been computed. */
  state: string | null;
  /** Why deploys are allowed or not. */
  reasons: string[];
  /** The exceptions in force. */
  exceptions: PolicyException[];
  /** When the state was evaluated (ISO 8601), or null. */
  computedAt: string | null;
  /** Whether the state is older than the policy's `staleAfter`. */
  stale: boolean;
}

/**
 * What a policy state allows, as a sentence: `Deploys are allowed.` or
 * `Deploys are stopped except P0 fixes, security fixes.`
 *
 * @public
 */
export function describePolicyDeploys(state: {
  deploysAllowed: boolean;
  allowedChanges: string[];
}): string {
  if (state.deploysAllowed) return 'Deploys are allowed.';
  return state.allowedChanges.length
    ? `Deploys are stopped except ${state.allowedChanges.join(', ')}.`
    : 'Deploys are stopped.';
}
