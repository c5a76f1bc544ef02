import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { Clock } from '../../lib/Clock';

/** How many principals the cache keeps at most (least recently used out). */
export const DECISION_CACHE_MAX_PRINCIPALS = 5000;

/**
 * A short-lived, bounded cache of the permission decisions of user
 * principals (`reliability.permissions.decisionCacheSeconds`). It keeps a
 * set of decisions only when none of them is DENY: a denied caller asks the
 * policy again on every request, so access granted by a policy or
 * membership change applies at once; access taken away applies within the
 * cache's lifetime. Service principals and callers without a user are never
 * cached.
 */
export interface PermissionDecisionCache {
  /**
   * The decisions for `names` (in order) of the caller: from the cache while
   * fresh, else from `decide` (kept when they qualify).
   */
  decide(
    credentials: BackstageCredentials,
    names: readonly string[],
    decide: () => Promise<PolicyDecision[]>,
  ): Promise<PolicyDecision[]>;
}

/** No cache: the policy decides on every request. */
const noCache: PermissionDecisionCache = {
  decide: (_credentials, _names, decide) => decide(),
};

/** The key of a caller: its user entity ref (and the actor acting for it). */
function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    actor?: { subject?: string };
  };
  if (principal?.type !== 'user' || !principal.userEntityRef) return undefined;
  const actor = principal.actor?.subject;
  return actor
    ? `${principal.userEntityRef} via ${actor}`
    : principal.userEntityRef;
}

/**
 * The decision cache of `ttlSeconds` (0 or less: none), keyed by principal
 * and permission names, with at most `maxPrincipals` entries; time from the
 * injected clock.
 */
export function createPermissionDecisionCache(options: {
  ttlSeconds: number;
  clock: Clock;
  maxPrincipals?: number;
}): PermissionDecisionCache {
  const { ttlSeconds, clock } = options;
  const max = options.maxPrincipals ?? DECISION_CACHE_MAX_PRINCIPALS;
  if (!(ttlSeconds > 0) || max < 1) return noCache;
  const ttlMs = ttlSeconds * 1000;
  // A Map iterates in insertion order: re-inserting on a hit keeps the least
  // recently used entry first.
  const entries = new Map<
    string,
    { expiresAt: number; decisions: PolicyDecision[] }
  >();
  return {
    async decide(credentials, names, decide) {
      const principal = principalKey(credentials);
      if (!principal) return decide();
      const key = `${principal}\n${names.join('\n')}`;
      const now = clock.now().getTime();
      const hit = entries.get(key);
      entries.delete(key);
      if (hit && hit.expiresAt > now) {
        entries.set(key, hit);
        return hit.decisions;
      }
      const decisions = await decide();
      if (decisions.every(d => d.result !== AuthorizeResult.DENY)) {
        entries.delete(key);
        entries.set(key, { expiresAt: now + ttlMs, decisions });
        while (entries.size > max) {
          entries.delete(entries.keys().next().value as string);
        }
      }
      return decisions;
    },
  };
}
