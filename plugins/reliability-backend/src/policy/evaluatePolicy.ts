import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PolicyCondition,
  PolicyDefinition,
  PolicyStateDefinition,
} from './policyTypes';

/** What the policy reads of an SLO snapshot. */
export type PolicySlo = Pick<
  SloSnapshot,
  'id' | 'name' | 'budgetRemaining' | 'burnRates' | 'stale' | 'staleReason'
>;

/** Where the entity was after the previous evaluation. */
export interface PolicyPosition {
  state: string;
  since: string;
  exitSince: string | null;
}

/** The outcome of one evaluation step. */
export interface PolicyStep extends PolicyPosition {
  reasons: string[];
  stale: boolean;
  staleReason?: string;
  /** Set when the state changed (or was computed for the first time). */
  transition?: { from: string | null; to: string; reasons: string[] };
}

const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;

function sloLabel(slo: PolicySlo): string {
  return `SLO "${slo.name}"`;
}

/** The reasons each condition holds for the SLO, empty when none holds. */
function holding(conditions: PolicyCondition[], slo: PolicySlo): string[] {
  const reasons: string[] = [];
  for (const c of conditions) {
    if (
      c.budgetRemainingBelow !== undefined &&
      slo.budgetRemaining !== null &&
      slo.budgetRemaining < c.budgetRemainingBelow
    ) {
      reasons.push(
        `${sloLabel(slo)}: budget remaining ${pct(
          slo.budgetRemaining,
        )} is below ${pct(c.budgetRemainingBelow)}`,
      );
    }
    if (c.burnRateAbove) {
      const { window, rate } = c.burnRateAbove;
      const reading = slo.burnRates.find(b => b.window === window);
      const burn = reading?.burnRate;
      if (typeof burn === 'number' && burn > rate) {
        reasons.push(
          `${sloLabel(slo)}: ${window} burn rate ${+burn.toFixed(
            2,
          )} is above ${rate}`,
        );
      }
    }
  }
  return reasons;
}

/** The SLOs a policy counts (all, or those it names by id or name). */
export function countedSlos(
  policy: PolicyDefinition,
  slos: PolicySlo[],
): PolicySlo[] {
  const names = policy.slos;
  return names
    ? slos.filter(s => names.includes(s.id) || names.includes(s.name))
    : slos;
}

/**
 * The worst state whose entry conditions hold for any counted SLO (the
 * worst SLO decides), with the reasons; the first state when none holds.
 */
function enteredState(
  policy: PolicyDefinition,
  slos: PolicySlo[],
): { index: number; reasons: string[] } {
  for (let i = policy.states.length - 1; i > 0; i--) {
    const reasons = slos.flatMap(s => holding(policy.states[i].enter, s));
    if (reasons.length > 0) return { index: i, reasons };
  }
  return {
    index: 0,
    reasons: [
      slos.some(s => s.budgetRemaining !== null)
        ? 'no entry condition of another state holds'
        : 'no SLO has data yet',
    ],
  };
}

/** Whether the exit budget condition of `state` holds, and why not. */
function exitHolds(
  state: PolicyStateDefinition,
  slos: PolicySlo[],
): { holds: boolean; reasons: string[] } {
  const level = state.exit.budgetRemainingAbove;
  if (level === undefined) return { holds: true, reasons: [] };
  const withData = slos.filter(s => s.budgetRemaining !== null);
  if (withData.length === 0) {
    return { holds: false, reasons: ['no SLO has data to leave the state'] };
  }
  const below = withData.filter(s => (s.budgetRemaining as number) <= level);
  return {
    holds: below.length === 0,
    reasons: below.map(
      s =>
        `${sloLabel(s)}: budget remaining ${pct(
          s.budgetRemaining as number,
        )} is not yet above ${pct(level)}`,
    ),
  };
}

function formatDuration(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 24 && hours % 24 === 0
    ? `${hours / 24}d`
    : `${+hours.toFixed(2)}h`;
}

/**
 * One step of an entity's error-budget policy state machine. Entering a
 * worse state is immediate; leaving a state for a better one needs its
 * entry conditions to stop holding and its exit condition (budget back
 * above a level) to hold for the configured time. Stale SLO data never
 * moves the state: the step keeps the previous position, marked stale.
 */
export function evaluatePolicy(input: {
  policy: PolicyDefinition;
  previous?: PolicyPosition;
  slos: PolicySlo[];
  now: Date;
}): PolicyStep {
  const { policy, previous, now } = input;
  const at = now.toISOString();
  const slos = countedSlos(policy, input.slos);
  const staleSlo = slos.find(s => s.stale);
  const stale = staleSlo
    ? {
        stale: true,
        staleReason: `${sloLabel(staleSlo)} is stale: ${
          staleSlo.staleReason ?? 'the last refresh failed'
        }`,
      }
    : { stale: false };
  const entered = enteredState(policy, slos);
  const currentIndex = previous
    ? policy.states.findIndex(s => s.id === previous.state)
    : -1;

  /** A move to state `index` now, for `reasons`. */
  const move = (index: number, reasons: string[]): PolicyStep => {
    const to = policy.states[index].id;
    return {
      state: to,
      since: at,
      exitSince: null,
      reasons,
      ...stale,
      transition: { from: previous?.state ?? null, to, reasons },
    };
  };

  if (currentIndex < 0) {
    // First evaluation, or the state is no longer configured.
    return move(entered.index, entered.reasons);
  }
  const current = previous!;
  if (stale.stale) {
    return {
      ...current,
      reasons: [`kept: ${stale.staleReason}`],
      ...stale,
    };
  }
  if (entered.index > currentIndex) {
    return move(entered.index, entered.reasons);
  }
  if (entered.index === currentIndex) {
    return {
      ...current,
      exitSince: null,
      reasons: entered.reasons,
      stale: false,
    };
  }

  const state = policy.states[currentIndex];
  const exit = exitHolds(state, slos);
  if (!exit.holds) {
    return { ...current, exitSince: null, reasons: exit.reasons, stale: false };
  }
  const exitSince = current.exitSince ?? at;
  const heldMs = now.getTime() - new Date(exitSince).getTime();
  if (heldMs < state.exit.forMs) {
    return {
      ...current,
      exitSince,
      reasons: [
        `leaving "${
          state.id
        }" once its exit condition has held for ${formatDuration(
          state.exit.forMs,
        )} (holding since ${exitSince})`,
      ],
      stale: false,
    };
  }
  return move(entered.index, [
    state.exit.forMs > 0
      ? `the exit condition of "${state.id}" held for ${formatDuration(
          state.exit.forMs,
        )}`
      : `the entry conditions of "${state.id}" no longer hold`,
    ...(entered.index > 0 ? entered.reasons : []),
  ]);
}
