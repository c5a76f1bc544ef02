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
  requiredActions: string[];
  /** The changes still allowed in the state, e.g. `P0 fix`. */
  allowedChanges: string[];
  computedAt: string;
  stale: boolean;
  staleReason?: string;
}

/**
 * An exception to an entity's error-budget policy: deploys are allowed
 * despite its state until it expires or is revoked.
 *
 * @public
 */
export interface PolicyException {
  id: string;
  entityRef: string;
  /** One of the configured exception kinds, e.g. `dependency-outage`. */
  kind: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
}

/**
 * One change of an entity's policy state.
 *
 * @public
 */
export interface PolicyTransition {
  entityRef: string;
  from: string | null;
  to: string;
  at: string;
  reasons: string[];
}

/**
 * The answer of `GET /entities/:kind/:namespace/:name/policy`.
 *
 * @public
 */
export interface EntityPolicyResponse {
  entityRef: string;
  /** Absent when no policy state has been computed yet. */
  policy?: PolicyStateView;
  /** Exceptions in force now. */
  exceptions: PolicyException[];
  /** Recent transitions and exceptions (newest first). */
  history: PolicyTransition[];
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
  entityRef: string;
  deployAllowed: boolean;
  /** The policy state, or null when none has been computed. */
  state: string | null;
  reasons: string[];
  exceptions: PolicyException[];
  computedAt: string | null;
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
