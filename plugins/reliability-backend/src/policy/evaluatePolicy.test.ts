import { PolicyException } from '@reliability-kit/backstage-plugin-reliability-common';
import { decideGate } from './decideGate';
import { PolicyPosition, PolicySlo, evaluatePolicy } from './evaluatePolicy';
import { PolicyDefinition, StoredPolicyState } from './policyTypes';
import { storedState } from './__testUtils__/policyFixtures';
import { HOUR } from '../__testUtils__/time';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (h: number) => new Date(T0 + h * HOUR);

const policy: PolicyDefinition = {
  id: 'tier-1',
  states: [
    {
      id: 'ok',
      deploysAllowed: true,
      requiredActions: [],
      allowedChanges: [],
      enter: [],
      exit: { forMs: 0 },
    },
    {
      id: 'warning',
      deploysAllowed: true,
      requiredActions: [],
      allowedChanges: [],
      enter: [
        { budgetRemainingBelow: 0.25 },
        { burnRateAbove: { window: '1h', rate: 14.4 } },
      ],
      exit: { budgetRemainingAbove: 0.3, forMs: HOUR },
    },
    {
      id: 'exhausted',
      deploysAllowed: false,
      requiredActions: ['postmortem'],
      allowedChanges: ['P0 fix', 'security fix'],
      enter: [{ budgetRemainingBelow: 0 }],
      exit: { budgetRemainingAbove: 0.1, forMs: 3 * HOUR },
    },
    {
      id: 'frozen',
      deploysAllowed: false,
      requiredActions: [],
      allowedChanges: [],
      enter: [{ budgetRemainingBelow: -0.5 }],
      exit: { forMs: 0 },
    },
  ],
};

const slo = (
  id: string,
  budgetRemaining: number | null,
  burn1h: number | null = 1,
  stale = false,
): PolicySlo => ({
  id,
  name: id,
  budgetRemaining,
  burnRates: [{ window: '1h', errorRatio: null, burnRate: burn1h }],
  stale,
  ...(stale ? { staleReason: 'Prometheus answered 503' } : {}),
});

const exception = (over: Partial<PolicyException> = {}): PolicyException => ({
  id: 'x1',
  entityRef: 'component:default/checkout',
  kind: 'dependency-outage',
  reason: 'the payment provider was down',
  createdBy: 'user:default/sre-lead',
  createdAt: at(9).toISOString(),
  expiresAt: at(11).toISOString(),
  ...over,
});

/**
 * A synthetic series: each row is one SLO refresh, hours after T0, of two
 * SLOs (availability, latency); the expected state afterwards, whether it
 * changed, and the gate's answer with the exceptions of that hour.
 */
const series: Array<{
  hour: number;
  slos: PolicySlo[];
  state: string;
  changed: boolean;
  exceptions?: PolicyException[];
  deployAllowed: boolean;
  why: string;
}> = [
  {
    hour: 0,
    slos: [slo('availability', 0.9), slo('latency', 0.8)],
    state: 'ok',
    changed: true,
    deployAllowed: true,
    why: 'first evaluation',
  },
  {
    hour: 1,
    slos: [slo('availability', 0.6, 20), slo('latency', 0.8)],
    state: 'warning',
    changed: true,
    deployAllowed: true,
    why: 'fast burn enters warning',
  },
  {
    hour: 2,
    slos: [slo('availability', 0.5), slo('latency', 0.8)],
    state: 'warning',
    changed: false,
    deployAllowed: true,
    why: 'exit timer starts (budget above 30%)',
  },
  {
    hour: 2.5,
    slos: [slo('availability', 0.5), slo('latency', 0.8)],
    state: 'warning',
    changed: false,
    deployAllowed: true,
    why: 'exit held 30 min of 1h',
  },
  {
    hour: 3,
    slos: [slo('availability', 0.5), slo('latency', 0.2)],
    state: 'warning',
    changed: false,
    deployAllowed: true,
    why: 'the worst SLO enters warning again: timer reset',
  },
  {
    hour: 4,
    slos: [slo('availability', 0.4), slo('latency', -0.05)],
    state: 'exhausted',
    changed: true,
    deployAllowed: false,
    why: 'latency budget spent',
  },
  {
    hour: 5,
    slos: [slo('availability', 0.4), slo('latency', -0.6)],
    state: 'frozen',
    changed: true,
    deployAllowed: false,
    why: 'overspent by half',
  },
  {
    hour: 6,
    slos: [slo('availability', 0.4), slo('latency', -0.2)],
    state: 'exhausted',
    changed: true,
    deployAllowed: false,
    why: 'frozen exits at once (for 0)',
  },
  {
    hour: 7,
    slos: [slo('availability', 0.4), slo('latency', 0.05, 1, true)],
    state: 'exhausted',
    changed: false,
    deployAllowed: false,
    why: 'stale data never moves the state; the gate fails closed',
  },
  {
    hour: 8,
    slos: [slo('availability', 0.4), slo('latency', 0.05)],
    state: 'exhausted',
    changed: false,
    deployAllowed: false,
    why: 'budget back above 0 but not above 10%',
  },
  {
    hour: 9,
    slos: [slo('availability', 0.4), slo('latency', 0.15)],
    state: 'exhausted',
    changed: false,
    exceptions: [exception()],
    deployAllowed: true,
    why: 'exit timer starts; an exception allows deploys',
  },
  {
    hour: 10,
    slos: [slo('availability', 0.4), slo('latency', 0.15)],
    state: 'exhausted',
    changed: false,
    exceptions: [
      exception(),
      exception({ id: 'x2', revokedAt: at(9.5).toISOString() }),
    ],
    deployAllowed: true,
    why: 'a revoked exception does not count, the other does',
  },
  {
    hour: 11,
    slos: [slo('availability', 0.4), slo('latency', 0.15)],
    state: 'exhausted',
    changed: false,
    exceptions: [exception()],
    deployAllowed: false,
    why: 'the exception expired at hour 11',
  },
  {
    hour: 12,
    slos: [slo('availability', 0.4), slo('latency', 0.15)],
    state: 'warning',
    changed: true,
    deployAllowed: true,
    why: 'exit held 3h: down to warning (latency below 25%)',
  },
  {
    hour: 13,
    slos: [slo('availability', 0.4), slo('latency', 0.35)],
    state: 'warning',
    changed: false,
    deployAllowed: true,
    why: 'warning exit timer starts',
  },
  {
    hour: 14,
    slos: [slo('availability', 0.4), slo('latency', 0.35)],
    state: 'ok',
    changed: true,
    deployAllowed: true,
    why: 'warning exit held 1h',
  },
];

describe('evaluatePolicy replay', () => {
  let position: PolicyPosition | undefined;
  let previousChange: string | undefined;

  it.each(series)('hour $hour: $why → $state', row => {
    const now = at(row.hour);
    const step = evaluatePolicy({
      policy,
      previous: position,
      slos: row.slos,
      now,
    });
    expect(step.state).toBe(row.state);
    expect(step.transition).toEqual(
      row.changed
        ? { from: previousChange ?? null, to: row.state, reasons: step.reasons }
        : undefined,
    );
    expect(step.since).toBe(row.changed ? now.toISOString() : position?.since);
    previousChange = row.changed ? row.state : previousChange;
    expect(step.reasons.length).toBeGreaterThan(0);
    position = {
      state: step.state,
      since: step.since,
      exitSince: step.exitSince,
    };

    const stored: StoredPolicyState = {
      entityRef: 'component:default/checkout',
      policyId: policy.id,
      ...step,
      computedAt: now.toISOString(),
    };
    const gate = decideGate({
      state: stored,
      definition: policy.states.find(s => s.id === step.state),
      exceptions: row.exceptions ?? [],
      now,
      staleAfterMs: HOUR,
      onStale: 'closed',
    });
    expect(gate.deployAllowed).toBe(row.deployAllowed);
    expect(gate.stale).toBe(step.stale);
  });
});

describe('evaluatePolicy', () => {
  it('keeps the reasons the entry conditions hold, naming the SLO', () => {
    const step = evaluatePolicy({
      policy,
      slos: [slo('latency', -0.05, 20)],
      now: at(0),
    });
    expect(step.state).toBe('exhausted');
    expect(step.reasons).toEqual([
      'SLO "latency": budget remaining -5% is below 0%',
    ]);
  });

  it('counts only the SLOs the policy names', () => {
    const step = evaluatePolicy({
      policy: { ...policy, slos: ['availability'] },
      slos: [slo('availability', 0.9), slo('latency', -1)],
      now: at(0),
    });
    expect(step.state).toBe('ok');
  });

  it('starts over from the entered state when the stored state is no longer configured', () => {
    const step = evaluatePolicy({
      policy,
      previous: { state: 'gone', since: at(0).toISOString(), exitSince: null },
      slos: [slo('availability', 0.1)],
      now: at(1),
    });
    expect(step.transition).toMatchObject({ from: 'gone', to: 'warning' });
  });

  it('does not leave a state on SLOs without data', () => {
    const step = evaluatePolicy({
      policy,
      previous: {
        state: 'exhausted',
        since: at(0).toISOString(),
        exitSince: null,
      },
      slos: [slo('availability', null, null)],
      now: at(10),
    });
    expect(step.state).toBe('exhausted');
    expect(step.reasons).toEqual(['no SLO has data to leave the state']);
  });
});

describe('decideGate', () => {
  const base = {
    definition: policy.states[2],
    exceptions: [],
    now: at(2),
    staleAfterMs: HOUR,
  };
  const state = storedState(at(0).toISOString());

  it.each([
    ['open', true],
    ['closed', false],
  ] as const)(
    'a state older than staleAfter is stale and fails %s',
    (onStale, allowed) => {
      const gate = decideGate({ ...base, state, onStale });
      expect(gate).toMatchObject({ stale: true, deployAllowed: allowed });
      expect(gate.reasons.at(-1)).toContain(`fails ${onStale}`);
    },
  );

  it.each([
    ['open', true],
    ['closed', false],
  ] as const)('an unknown state fails %s', (onStale, allowed) => {
    const gate = decideGate({ ...base, state: undefined, onStale });
    expect(gate).toMatchObject({
      stale: true,
      deployAllowed: allowed,
      exceptions: [],
    });
  });
});
