import { SloBurnRateWindow } from '@reliability-kit/backstage-plugin-reliability-common';

/** One entry condition of a state: any of a state's conditions enters it. */
export interface PolicyCondition {
  /** Holds when a counted SLO's budget remaining is below this fraction. */
  budgetRemainingBelow?: number;
  /** Holds when a counted SLO burns faster than `rate` over `window`. */
  burnRateAbove?: { window: SloBurnRateWindow; rate: number };
}

/** One state of a policy. States are ordered from the best to the worst. */
export interface PolicyStateDefinition {
  id: string;
  deploysAllowed: boolean;
  description?: string;
  requiredActions: string[];
  allowedChanges: string[];
  /** Absent for the first (best) state, which needs no condition. */
  enter: PolicyCondition[];
  /**
   * Leaving the state for a better one: its entry conditions no longer
   * hold and every counted SLO's budget remaining is above
   * `budgetRemainingAbove` (when set), continuously for `forMs`.
   */
  exit: { budgetRemainingAbove?: number; forMs: number };
}

/** The policy of a tier (or the default policy). */
export interface PolicyDefinition {
  /** The tier id, or `default`. */
  id: string;
  states: PolicyStateDefinition[];
  /** The SLO ids (or names) that count; absent = all, the worst decides. */
  slos?: string[];
}

/** `reliability.policy`, validated. */
export interface PolicyConfig {
  /** Policies by tier id, and `default` for entities of other tiers. */
  policies: Map<string, PolicyDefinition>;
  /** After this long without a refresh, an entity's state is stale. */
  staleAfterMs: number;
  /** Whether the gate allows deploys when the state is stale or unknown. */
  onStale: 'open' | 'closed';
  exceptions: {
    kinds: string[];
    /** Whether an entity's owners may grant its exceptions themselves. */
    allowOwners: boolean;
    maxDays: number;
  };
}

/** The state of an entity as the policy evaluation stores it. */
export interface StoredPolicyState {
  entityRef: string;
  policyId: string;
  state: string;
  since: string;
  reasons: string[];
  /** Since when the exit condition of the state has held; null if not. */
  exitSince: string | null;
  computedAt: string;
  stale: boolean;
  staleReason?: string;
}
