import { PolicyException } from '@reliability-kit/backstage-plugin-reliability-common';
import { PolicyStateDefinition, StoredPolicyState } from './policyTypes';

/** The exceptions in force at `now`: not revoked and not expired. */
export function activeExceptions(
  exceptions: PolicyException[],
  now: Date,
): PolicyException[] {
  return exceptions.filter(
    e => !e.revokedAt && new Date(e.expiresAt).getTime() > now.getTime(),
  );
}

/** Whether a stored state is stale at `now`, and why. */
export function stalenessOf(
  state: StoredPolicyState | undefined,
  now: Date,
  staleAfterMs: number,
): string | undefined {
  if (!state) return 'no policy state has been computed for the entity yet';
  if (state.stale) return state.staleReason ?? 'the SLO data is stale';
  const age = now.getTime() - new Date(state.computedAt).getTime();
  if (age > staleAfterMs) {
    return `the policy state was computed at ${
      state.computedAt
    }, over ${Math.round(staleAfterMs / 60_000)} minutes ago`;
  }
  return undefined;
}

/**
 * The deploy gate's decision: the state's `deploysAllowed`, overridden by
 * an exception in force; when the state is stale or unknown, `onStale`
 * decides (open: allowed, closed: not allowed).
 */
export function decideGate(input: {
  state?: StoredPolicyState;
  definition?: PolicyStateDefinition;
  exceptions: PolicyException[];
  now: Date;
  staleAfterMs: number;
  onStale: 'open' | 'closed';
}): {
  deployAllowed: boolean;
  reasons: string[];
  stale: boolean;
  exceptions: PolicyException[];
} {
  const { state, definition, now, onStale } = input;
  const active = activeExceptions(input.exceptions, now);
  const reasons: string[] = [];
  let allowed = true;
  if (state && definition) {
    allowed = definition.deploysAllowed;
    reasons.push(
      `state "${state.state}" ${
        allowed ? 'allows' : 'does not allow'
      } deploys since ${state.since}`,
      ...state.reasons,
    );
    if (!allowed && active.length > 0) {
      allowed = true;
      reasons.push(
        ...active.map(
          e =>
            `exception "${e.kind}" by ${e.createdBy} until ${e.expiresAt}: ${e.reason}`,
        ),
      );
    }
  } else if (state) {
    reasons.push(`state "${state.state}" is no longer configured`);
  }
  const staleReason = stalenessOf(state, now, input.staleAfterMs);
  if (staleReason) {
    allowed = onStale === 'open';
    reasons.push(
      `stale: ${staleReason}; the gate fails ${onStale} (reliability.policy.gate.onStale)`,
    );
  }
  return {
    deployAllowed: allowed,
    reasons,
    stale: Boolean(staleReason),
    exceptions: active,
  };
}
