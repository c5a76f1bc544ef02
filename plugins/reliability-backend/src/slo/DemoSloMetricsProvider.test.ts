import {
  SloSpec,
  evaluateSlo,
  sloMeasurementWindows,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DemoSloMetricsProvider,
  DemoSloProfile,
} from './DemoSloMetricsProvider';
import { testSloSpec } from '../__testUtils__/sloSpecs';
import { DAY } from '../__testUtils__/time';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const ENTITY = 'component:default/checkout';

const spec = (over: Partial<SloSpec> = {}): SloSpec =>
  testSloSpec('availability', {
    indicator: {
      kind: 'ratio',
      bad: 'sum(rate(errors[{{.window}}]))',
      total: 'sum(rate(requests[{{.window}}]))',
    },
    source: { format: 'sloth/v1' },
    ...over,
  });

const evaluateWith = async (
  provider: DemoSloMetricsProvider,
  slo: SloSpec,
  now: Date = NOW,
) => {
  const { sloWindowMs, burnRateWindowsMs } = sloMeasurementWindows(
    slo.window,
    now,
  );
  const measurements = await provider.measure({
    entityRef: ENTITY,
    slo,
    windowsMs: [...burnRateWindowsMs, sloWindowMs],
    at: now,
  });
  return {
    measurements,
    evaluation: evaluateSlo({
      objective: slo.objective,
      window: slo.window,
      measurements,
      now,
    }),
  };
};

describe('DemoSloMetricsProvider', () => {
  it('has the id "demo"', () => {
    expect(new DemoSloMetricsProvider().id).toBe('demo');
  });

  it.each([
    ['healthy', true],
    ['at-risk', true],
    ['breaching', true],
    ['no-data', true],
    ['Healthy', false],
    ['', false],
    ['broken', false],
  ])('isProfile(%j) is %s', (value, expected) => {
    expect(DemoSloMetricsProvider.isProfile(value)).toBe(expected);
  });

  it('gives the same numbers for the same entity, SLO and time', async () => {
    const request = {
      entityRef: ENTITY,
      slo: spec(),
      windowsMs: [5 * 60e3, 60 * 60e3, DAY, 28 * DAY],
      at: NOW,
    };
    const a = await new DemoSloMetricsProvider().measure(request);
    const b = await new DemoSloMetricsProvider().measure(request);
    const c = await new DemoSloMetricsProvider().measure({
      ...request,
      at: new Date(NOW.getTime()),
    });
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect([...a.entries()]).toEqual([...c.entries()]);
    expect([...a.keys()]).toEqual([5 * 60e3, 60 * 60e3, DAY, 28 * DAY]);
  });

  it('picks a stable profile per entity and SLO, never no-data by hash', () => {
    const provider = new DemoSloMetricsProvider();
    const seen = new Set<DemoSloProfile>();
    for (let i = 0; i < 60; i++) {
      const profile = provider.profileOf(`component:default/svc-${i}`, 'a');
      expect(provider.profileOf(`component:default/svc-${i}`, 'a')).toBe(
        profile,
      );
      seen.add(profile);
    }
    expect([...seen].sort()).toEqual(['at-risk', 'breaching', 'healthy']);
  });

  it('prefers the SLO profile over the entity profile over the hash', () => {
    const provider = new DemoSloMetricsProvider({
      [ENTITY]: 'no-data',
      [`${ENTITY}#latency`]: 'breaching',
    });
    expect(provider.profileOf(ENTITY, 'latency')).toBe('breaching');
    expect(provider.profileOf(ENTITY, 'availability')).toBe('no-data');
    expect(provider.profileOf('component:default/other', 'latency')).toBe(
      new DemoSloMetricsProvider().profileOf(
        'component:default/other',
        'latency',
      ),
    );
  });

  it('measures 20 requests per second of each window', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'healthy' });
    const measurements = await provider.measure({
      entityRef: ENTITY,
      slo: spec(),
      windowsMs: [5 * 60e3, 28 * DAY],
      at: NOW,
    });
    // A whole number of days averages the daily wave out: 25% of the budget.
    expect(measurements.get(28 * DAY)).toEqual({
      kind: 'events',
      bad: 12096,
      total: 48_384_000,
    });
    expect(measurements.get(5 * 60e3)).toMatchObject({
      kind: 'events',
      total: 6000,
    });
  });

  it.each<[DemoSloProfile, string, boolean]>([
    ['healthy', 'healthy', false],
    ['at-risk', 'at-risk', false],
    ['breaching', 'breaching', true],
    ['no-data', 'no-data', false],
  ])(
    'the %s profile evaluates to %s (page alert %s)',
    async (profile, status, page) => {
      const provider = new DemoSloMetricsProvider({ [ENTITY]: profile });
      const { evaluation } = await evaluateWith(provider, spec());
      expect(evaluation.status).toBe(status);
      expect(evaluation.alerts.page).toBe(page);
    },
  );

  it('fires no alert for the healthy profile', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'healthy' });
    const { evaluation } = await evaluateWith(provider, spec());
    expect(evaluation.alerts).toEqual({
      page: false,
      ticket: false,
      firing: [],
    });
  });

  it('fires the fast page alert of the breaching profile', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'breaching' });
    const { evaluation } = await evaluateWith(provider, spec());
    expect(
      evaluation.alerts.firing.map(f => `${f.severity}:${f.longWindow}`),
    ).toContain('page:1h');
    const page1h = evaluation.alerts.firing.find(f => f.longWindow === '1h')!;
    expect(page1h.threshold).toBe(13.44);
    expect(page1h.longBurn).toBeGreaterThan(20);
    expect(page1h.shortBurn).toBeGreaterThan(20);
  });

  it('the healthy profile spends a quarter of the budget over whole days', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'healthy' });
    const { evaluation } = await evaluateWith(provider, spec());
    expect(evaluation.budgetRemaining).toBeCloseTo(0.75, 6);
    expect(evaluation.sli).toBeCloseTo(0.99975, 9);
  });

  it('the at-risk profile leaves some but less than a quarter of the budget', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'at-risk' });
    const { evaluation } = await evaluateWith(provider, spec());
    expect(evaluation.budgetRemaining).toBeGreaterThan(0);
    expect(evaluation.budgetRemaining).toBeLessThan(0.25);
  });

  it('the breaching profile overspends the budget', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'breaching' });
    const { evaluation } = await evaluateWith(provider, spec());
    expect(evaluation.budgetRemaining).toBeLessThan(0);
  });

  it('the no-data profile has no SLI and no budget', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'no-data' });
    const { evaluation } = await evaluateWith(provider, spec());
    expect(evaluation.sli).toBeNull();
    expect(evaluation.budgetRemaining).toBeNull();
    expect(evaluation.burnRates.every(b => b.burnRate === null)).toBe(true);
  });

  it('gives no-data as zero traffic, never a number', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'no-data' });
    const { measurements } = await evaluateWith(provider, spec());
    for (const m of measurements.values()) {
      expect(m).toEqual({ kind: 'events', good: 0, total: 0 });
    }
  });

  it('never exceeds an error ratio of 1', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'breaching' });
    // a loose objective makes the spike larger than all traffic
    const measurements = await provider.measure({
      entityRef: ENTITY,
      slo: spec({ objective: 0.5 }),
      windowsMs: [5 * 60e3],
      at: NOW,
    });
    expect(measurements.get(5 * 60e3)).toEqual({
      kind: 'events',
      bad: 6000,
      total: 6000,
    });
  });

  it('gives one point per step of a range, ending at or before the end', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'healthy' });
    const start = new Date('2026-11-01T00:00:00.000Z');
    const end = new Date('2026-11-05T23:59:59.999Z');
    const points = await provider.measureRange({
      entityRef: ENTITY,
      slo: spec(),
      windowMs: 28 * DAY,
      start,
      end,
      stepSeconds: DAY / 1000,
    });
    expect(points.map(p => p.at.toISOString())).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
      '2026-11-03T00:00:00.000Z',
      '2026-11-04T00:00:00.000Z',
      '2026-11-05T00:00:00.000Z',
    ]);
    for (const p of points) {
      expect(p.measurement).toEqual({
        kind: 'events',
        bad: 12096,
        total: 48_384_000,
      });
    }
  });

  it('includes the end of a range when it falls on a step', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'no-data' });
    const points = await provider.measureRange({
      entityRef: ENTITY,
      slo: spec(),
      windowMs: DAY,
      start: new Date('2026-11-01T00:00:00.000Z'),
      end: new Date('2026-11-01T01:00:00.000Z'),
      stepSeconds: 1800,
    });
    expect(points.map(p => p.at.toISOString())).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T00:30:00.000Z',
      '2026-11-01T01:00:00.000Z',
    ]);
  });

  it('puts the breaching spike in the last 75 minutes before the end of a range', async () => {
    const provider = new DemoSloMetricsProvider({ [ENTITY]: 'breaching' });
    const end = new Date('2026-11-01T12:00:00.000Z');
    const range = (until: Date) =>
      provider.measureRange({
        entityRef: ENTITY,
        slo: spec(),
        windowMs: 60 * 60e3,
        start: new Date(end.getTime() - 3 * 60 * 60e3),
        end: until,
        stepSeconds: 3600,
      });
    const withSpike = (await range(end)).slice(0, 4);
    // ending 5 hours later moves the spike out of these four points
    const without = (
      await range(new Date(end.getTime() + 5 * 60 * 60e3))
    ).slice(0, 4);
    expect(withSpike.map(p => p.at.toISOString())).toEqual(
      without.map(p => p.at.toISOString()),
    );
    const bad = (p: { measurement: unknown }) =>
      (p.measurement as { bad: number; total: number }).bad;
    // 20x the budget (0.001) over the spike's share of each hour, of 72000
    // requests: 60 minutes -> 1440, 15 minutes -> 360, none before.
    expect(withSpike.map((p, i) => bad(p) - bad(without[i]))).toEqual([
      0, 0, 360, 1440,
    ]);
  });
});
