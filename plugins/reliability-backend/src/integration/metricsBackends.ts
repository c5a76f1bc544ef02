import {
  MetricsBackend,
  MetricsBackendKind,
  loadPrometheusFixtures,
} from './prometheusFixtures';

// The Prometheus-compatible servers the integration tests run against, each
// loaded with the same generated fixtures by its script (scripts/prometheus.sh,
// scripts/victoriametrics.sh). A test file describes its cases once and runs
// them on every configured backend with describeMetricsBackends.

interface BackendSource {
  kind: MetricsBackendKind;
  title: string;
  urlVariable: string;
  fixturesVariable: string;
  /** When this variable is 1, a missing server fails the suite. */
  requireVariable: string;
  start: string;
}

const SOURCES: BackendSource[] = [
  {
    kind: 'prometheus',
    title: 'Prometheus',
    urlVariable: 'PROMETHEUS_URL',
    fixturesVariable: 'PROMETHEUS_FIXTURES',
    requireVariable: 'RELIABILITY_REQUIRE_PROMETHEUS',
    start: 'source scripts/prometheus.sh and run `start_prometheus fixtures`',
  },
  {
    kind: 'victoriametrics',
    title: 'VictoriaMetrics',
    urlVariable: 'VICTORIAMETRICS_URL',
    fixturesVariable: 'VICTORIAMETRICS_FIXTURES',
    requireVariable: 'RELIABILITY_REQUIRE_VICTORIAMETRICS',
    start: 'source scripts/victoriametrics.sh and run `start_victoriametrics`',
  },
];

/**
 * Calls `describeBackend` for every configured backend. For one that is not
 * configured it adds a test instead: failing when its RELIABILITY_REQUIRE_*
 * variable is 1, and failing on half a configuration (URL without fixtures or
 * the other way round), so nothing passes quietly.
 */
// eslint-disable-next-line jest/no-export
export function describeMetricsBackends(
  describeBackend: (backend: MetricsBackend) => void,
  kinds: MetricsBackendKind[] = SOURCES.map(s => s.kind),
) {
  for (const source of SOURCES.filter(s => kinds.includes(s.kind))) {
    const url = process.env[source.urlVariable] || undefined;
    const fixtures = loadPrometheusFixtures(source.fixturesVariable);
    if (url && fixtures) {
      describeBackend({
        kind: source.kind,
        title: source.title,
        url,
        fixtures,
      });
    } else if (process.env[source.requireVariable] === '1') {
      it(`has ${source.urlVariable} and ${source.fixturesVariable}, as ${source.requireVariable}=1 demands: ${source.start}`, () => {
        const missing = [source.urlVariable, source.fixturesVariable].filter(
          name => !process.env[name],
        );
        expect(missing).toEqual([]);
      });
    } else {
      it(`runs against ${source.title} only when one is configured`, () => {
        expect({ url, fixtures }).toEqual({
          url: undefined,
          fixtures: undefined,
        });
      });
    }
  }
}
