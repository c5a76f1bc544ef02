import { describeMetricsBackends } from './metricsBackends';
import {
  MetricsBackend,
  PrometheusFixtureWindow,
  fixtureQuery,
  parsePrometheusValue,
  queryPrometheus,
  queryPrometheusValue,
} from './prometheusFixtures';

// Checks the fixture Prometheus of scripts/prometheus.sh and the fixture
// VictoriaMetrics of scripts/victoriametrics.sh against the numbers their
// generator promised in fixtures.json, with PromQL straight to the server.
// Runs when PROMETHEUS_URL and PROMETHEUS_FIXTURES (VICTORIAMETRICS_URL and
// VICTORIAMETRICS_FIXTURES) are set; with RELIABILITY_REQUIRE_PROMETHEUS=1
// (RELIABILITY_REQUIRE_VICTORIAMETRICS=1) their absence fails the suite
// instead of passing quietly.

/** |actual - expected| within 1e-6 of |expected| (1e-12 absolute near 0). */
function expectClose(actual: number | undefined, expected: number) {
  expect(actual).toBeDefined();
  const tolerance = Math.max(Math.abs(expected) * 1e-6, 1e-12);
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    tolerance,
  );
}

describe('parsePrometheusValue', () => {
  it('reads the special values Prometheus sends', () => {
    expect(parsePrometheusValue('NaN')).toBeNaN();
    expect(parsePrometheusValue('+Inf')).toBe(Infinity);
    expect(parsePrometheusValue('-Inf')).toBe(-Infinity);
    expect(parsePrometheusValue('0.0005')).toBe(0.0005);
  });
});

function describeFixtures(backend: MetricsBackend) {
  const { fixtures: fx, url } = backend;
  const at = fx.end;
  const windows = Object.keys(fx.windows) as PrometheusFixtureWindow[];
  const value = (promql: string, time = at) =>
    queryPrometheusValue(url, promql, time);
  /**
   * A NaN sample (0/0, or a NaN stored by a recording rule). Prometheus
   * answers NaN; VictoriaMetrics leaves NaN out of its answers, so the
   * series is absent (docs/definitions.md, "Prometheus-compatible
   * backends"). The collector reports no data either way.
   */
  const expectNaN = (v: number | undefined) => {
    if (backend.kind === 'victoriametrics') expect(v).toBeUndefined();
    else expect(v).toBeNaN();
  };

  describe(`fixture ${backend.title} at ${url} (end ${fx.endIso})`, () => {
    describe('checkout: constant 2000 req/min, 0.05 % errors', () => {
      const checkout = fx.services.checkout;

      it.each(windows)(
        'counts requests and errors over %s exactly',
        async w => {
          const expected = checkout.windows[w];
          expectClose(
            await value(fixtureQuery(checkout.totalQuery, w)),
            expected.total,
          );
          expectClose(
            await value(fixtureQuery(checkout.errorQuery, w)),
            expected.errors,
          );
          expect(expected.total).toBe(2000 * (fx.windows[w] / 60));
          expect(expected.errors).toBe(fx.windows[w] / 60);
        },
      );

      it('has an SLI of 0.9995 over 28d: half the 99.9 % budget left', async () => {
        const ratio = await value(
          `${fixtureQuery(checkout.errorQuery, '28d')} / ${fixtureQuery(
            checkout.totalQuery,
            '28d',
          )}`,
        );
        expect(checkout.windows['28d']).toMatchObject({
          total: 80640000,
          errors: 40320,
        });
        expectClose(ratio, 0.0005);
        expectClose(1 - (ratio as number), checkout.windows['28d'].sli!);
        expectClose(checkout.windows['28d'].budgetRemaining!, 0.5);
        expectClose(checkout.windows['28d'].budgetConsumed!, 0.5);
      });
    });

    describe('identity: outage, older incident, counter reset', () => {
      const identity = fx.services.identity;
      const ratio = (w: string) =>
        value(
          `${fixtureQuery(identity.errorQuery, w)} / ${fixtureQuery(
            identity.totalQuery,
            w,
          )}`,
        );

      it.each(windows)(
        'counts requests and errors over %s exactly',
        async w => {
          expectClose(
            await value(fixtureQuery(identity.totalQuery, w)),
            identity.windows[w].total,
          );
          expectClose(
            await value(fixtureQuery(identity.errorQuery, w)),
            identity.windows[w].errors,
          );
          // the outage shifts errors, never the 10000 req/min
          expect(identity.windows[w].total).toBe(10000 * (fx.windows[w] / 60));
        },
      );

      it('shows the outage in the 1h error ratio, not in 5m', async () => {
        const oneHour = await ratio('1h');
        expectClose(oneHour, identity.windows['1h'].errorRatio!);
        // half of the last hour at 60 % errors: far above a 14.4x page
        expect(oneHour).toBeGreaterThan(14.4 * (1 - identity.objective));
        expectClose(await ratio('5m'), 0.0001);
        expect(identity.outage.end).toBe(at - 30 * 60);
      });

      it('burns fast over 6h and 1d and has overspent its 28d budget', async () => {
        for (const w of ['6h', '1d'] as const) {
          expectClose(await ratio(w), identity.windows[w].errorRatio!);
          expect(identity.windows[w].burnRate).toBeGreaterThan(6);
        }
        const monthly = await ratio('28d');
        expectClose(monthly, identity.windows['28d'].errorRatio!);
        expect(1 - (monthly as number) / (1 - identity.objective)).toBeLessThan(
          0,
        );
        expect(identity.windows['28d'].budgetRemaining).toBeLessThan(0);
      });

      it('has the older incident inside 30d but not 28d', async () => {
        const olderErrors = 60 * 1000 - 60; // 60 min at 1000 instead of 1 error/min
        expect(
          identity.windows['30d'].errors -
            identity.windows['28d'].errors -
            2 * 24 * 60,
        ).toBe(olderErrors);
        expect(await ratio('30d')).not.toBeCloseTo((await ratio('28d'))!, 6);
      });

      it('hides the counter reset from increase()', async () => {
        const raw = await value(
          `sum(http_requests_total{service="identity"}) - sum(http_requests_total{service="identity"} offset 3d)`,
        );
        // the raw difference drops at the reset; increase() corrects it
        expect(raw).toBeLessThan(identity.windows['3d'].total);
        expect(identity.counterResetAt).toBeGreaterThan(at - 3 * 86400);
      });
    });

    describe('quiet: series without traffic', () => {
      const quiet = fx.services.quiet;

      it.each(windows)('has zero increase over %s', async w => {
        expect(await value(fixtureQuery(quiet.totalQuery, w))).toBe(0);
        expect(await value(fixtureQuery(quiet.errorQuery, w))).toBe(0);
        expect(quiet.windows[w].errorRatio).toBeNull();
      });

      it('gives a NaN error ratio, which a backend must treat as no data', async () => {
        const r = await value(
          `${fixtureQuery(quiet.errorQuery, '28d')} / ${fixtureQuery(
            quiet.totalQuery,
            '28d',
          )}`,
        );
        expectNaN(r);
        expect(quiet.windows['28d'].errorRatio).toBeNull();
      });
    });

    describe('latency gauge for a timeslices SLO', () => {
      const latency = fx.latency;

      it.each(windows)('has the known slow minutes over %s', async w => {
        const bad = await value(
          `count_over_time((${latency.query} > ${latency.threshold})[${w}:1m])`,
        );
        expect(bad ?? 0).toBe(latency.windows[w].bad);
      });

      it('includes both edges of a range in Prometheus 2.x', async () => {
        const count = await value(`count_over_time(${latency.query}[2h])`);
        // 120 samples in (end - 2h, end]; 2.x also counts the one at end - 2h
        expect([120, 121]).toContain(count);
        expect(latency.windows['2h'].samples).toBe(120);
      });
    });

    describe('Sloth recording rules', () => {
      const [payments, search] = fx.sloth.slos;

      it('discovers both SLOs through sloth_slo_info', async () => {
        const info = await queryPrometheus(url, 'sloth_slo_info', at);
        expect(info.map(s => s.labels.sloth_id).sort()).toEqual([
          'payments-requests-availability',
          'search-requests-availability',
        ]);
        const p = info.find(s => s.labels.sloth_service === 'payments')!;
        expect(p.value).toBe(1);
        expect(p.labels).toEqual({
          __name__: 'sloth_slo_info',
          ...payments.labels,
          ...fx.sloth.info,
          sloth_objective: '99.9',
        });
      });

      it('records the payments error ratios and metadata', async () => {
        const selector = `{sloth_id="${payments.id}"}`;
        for (const [w, expected] of Object.entries(payments.errorRatios)) {
          expectClose(
            await value(`slo:sli_error:ratio_rate${w}${selector}`),
            expected!,
          );
        }
        expectClose(await value(`slo:objective:ratio${selector}`), 0.999);
        expectClose(await value(`slo:error_budget:ratio${selector}`), 0.001);
        expect(await value(`slo:time_period:days${selector}`)).toBe(30);
        expectClose(
          await value(`slo:period_error_budget_remaining:ratio${selector}`),
          0.8,
        );
        const labels = await queryPrometheus(
          url,
          `slo:sli_error:ratio_rate30d${selector}`,
          at,
        );
        expect(labels[0].labels.sloth_window).toBe('30d');
      });

      it('records NaN for search, which has no traffic', async () => {
        expect(search.noData).toBe(true);
        const selector = `{sloth_id="${search.id}"}`;
        expectNaN(await value(`slo:sli_error:ratio_rate5m${selector}`));
        expectNaN(await value(`slo:sli_error:ratio_rate30d${selector}`));
        expectNaN(
          await value(`slo:period_error_budget_remaining:ratio${selector}`),
        );
        expectClose(await value(`slo:objective:ratio${selector}`), 0.995);
      });
    });

    describe('Pyrra generic rules', () => {
      const pyrra = fx.pyrra;

      it('records objective, window, availability and burn rates', async () => {
        const selector = `{slo="${pyrra.slo}"}`;
        expectClose(await value(`pyrra_objective${selector}`), 0.995);
        expect(await value(`pyrra_window${selector}`)).toBe(28 * 86400);
        expectClose(await value(`pyrra_availability${selector}`), 0.998);
        for (const [w, expected] of Object.entries(pyrra.burnrates)) {
          expectClose(
            await value(`http_requests:burnrate${w}${selector}`),
            expected,
          );
        }
        expectClose(pyrra.budgetRemaining, 0.6);
      });
    });

    it('has nothing to see once the data has ended (5m lookback)', async () => {
      const after = fx.lastSample + 6 * 60;
      expect(await queryPrometheus(url, 'http_requests_total', after)).toEqual(
        [],
      );
      expect(await queryPrometheus(url, 'sloth_slo_info', after)).toEqual([]);
    });
  });
}

describeMetricsBackends(describeFixtures);
