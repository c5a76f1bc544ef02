import { Entity } from '@backstage/catalog-model';
import { testComponent } from '../../__testUtils__/entities';
import { StoredPolicyState } from '../policyTypes';

/** A tier-1 component owned by team-a. */
export const CHECKOUT: Entity = testComponent('checkout', {
  annotations: { 'reliability-kit.io/tier': 'tier-1' },
  spec: { type: 'service', owner: 'team-a' },
});

/** `reliability.policy.default` with `ok` and `exhausted` (budget below 0). */
export const OK_EXHAUSTED = {
  states: [
    { id: 'ok', deploysAllowed: true },
    {
      id: 'exhausted',
      deploysAllowed: false,
      enter: [{ budgetRemainingBelow: 0 }],
    },
  ],
};

/** A stored `exhausted` state of component:default/x computed at `at`. */
export function storedState(
  at: string,
  over: Partial<StoredPolicyState> = {},
): StoredPolicyState {
  return {
    entityRef: 'component:default/x',
    policyId: 'tier-1',
    state: 'exhausted',
    since: at,
    reasons: ['spent'],
    exitSince: null,
    computedAt: at,
    stale: false,
    ...over,
  };
}
