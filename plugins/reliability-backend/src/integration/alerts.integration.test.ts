import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  Incident,
  computeRunbookCoverage,
  findFlappingRuns,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { randomUUID } from 'crypto';
import {
  AlertsHistoryPagingProvider,
  fetchAlertRules,
  loadEntityAlertRules,
  parseAlertSelector,
  selectAlertRules,
} from '../alerts';
import {
  AlertmanagerClient,
  readAlertmanagerInstances,
} from '../providers/alertmanager';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../providers/prometheus';
import {
  alertHistoryOf,
  getAlertmanagerUrl,
  postAlerts,
  postSilence,
  waitFor,
  checkoutDownAlert,
} from './alertmanagerFixtures';
import { getPrometheusUrl, loadPrometheusFixtures } from './prometheusFixtures';

// Alert rules, firing alerts and the ALERTS history against real servers:
// the fixture Prometheus of scripts/prometheus.sh (`start_prometheus
// fixtures`, with the rules of scripts/prometheus/rules/fixture-alerts.yml
// and the backfilled ALERTS series of generate-openmetrics.mjs) and the
// Alertmanager of scripts/alertmanager.sh (`start_alertmanager`). Runs when
// PROMETHEUS_URL, PROMETHEUS_FIXTURES and ALERTMANAGER_URL are set; with
// RELIABILITY_REQUIRE_ALERTMANAGER=1 their absence fails.

const fixtures = loadPrometheusFixtures();
const prometheusUrl = getPrometheusUrl();
const alertmanagerUrl = getAlertmanagerUrl();
const REQUIRED = ['PROMETHEUS_URL', 'PROMETHEUS_FIXTURES', 'ALERTMANAGER_URL'];

/** The incidents without their ids, in the order of fixtures.json. */
function withoutIds(incidents: Incident[]): Array<Omit<Incident, 'id'>> {
  return incidents
    .map(({ id: _id, ...rest }) => rest)
    .sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) ||
        (a.alertKey ?? '').localeCompare(b.alertKey ?? ''),
    );
}

function describeAlerts(
  fx: NonNullable<typeof fixtures>,
  promUrl: string,
  amUrl: string,
) {
  const history = alertHistoryOf(fx);
  const logger = mockServices.logger.mock();
  let promRequests = 0;
  const [promInstance] = readPrometheusInstances(
    new ConfigReader({
      reliability: {
        prometheus: { instances: [{ name: 'fixtures', baseUrl: promUrl }] },
      },
    }),
  );
  const prometheus = PrometheusClient.fromConfig(promInstance, {
    logger,
    fetchImpl: (...args) => {
      promRequests += 1;
      return fetch(...args);
    },
  });
  const [amInstance] = readAlertmanagerInstances(
    new ConfigReader({
      reliability: {
        alertmanager: {
          instances: [
            {
              name: 'test',
              baseUrl: amUrl,
              headers: { Authorization: 'Bearer not-checked-by-alertmanager' },
              timeout: '5s',
            },
          ],
        },
      },
    }),
  );
  const alertmanager = AlertmanagerClient.fromConfig(amInstance, { logger });

  describe(`alert rules of the fixture Prometheus at ${promUrl}`, () => {
    it('selects the rules of service="checkout" for the fleet in one request', async () => {
      const before = promRequests;
      const groups = await fetchAlertRules(prometheus);
      const select = (selector: string) =>
        selectAlertRules(groups, parseAlertSelector(selector));
      const checkout = select('service="checkout"');
      const identity = select('service="identity"');
      const nothing = select('service="nope"');
      expect(promRequests - before).toBe(1);

      expect(checkout.map(r => `${r.group}/${r.name}`)).toEqual([
        'checkout-availability/CheckoutHighErrorRate',
        'checkout-availability/CheckoutDown',
        'checkout-availability/CheckoutHighLatency',
        'checkout-availability/CheckoutPodCrashLooping',
        'checkout-slo/CheckoutErrorBudgetBurn',
      ]);
      expect(checkout[0]).toEqual({
        name: 'CheckoutHighErrorRate',
        group: 'checkout-availability',
        labels: { service: 'checkout', severity: 'critical' },
        annotations: {
          summary: 'Checkout error rate above 5 %',
          runbook_url: 'https://runbooks.example.com/checkout/high-error-rate',
        },
      });
      expect(identity.map(r => r.name)).toEqual(['IdentityHighErrorRate']);
      expect(nothing).toEqual([]);
    });

    it('gives the runbook coverage inputs: 3 of 5 checkout rules have a runbook', async () => {
      const rules = await loadEntityAlertRules(
        prometheus,
        'service="checkout"',
      );
      // CheckoutPodCrashLooping has runbook_url: "" (blank counts as none)
      expect(
        rules.find(r => r.name === 'CheckoutPodCrashLooping')?.annotations,
      ).toMatchObject({ runbook_url: '' });
      expect(computeRunbookCoverage(rules)).toEqual({
        rules: 5,
        rulesWithRunbook: 3,
        coverage: 0.6,
        missing: [
          { name: 'CheckoutHighLatency', group: 'checkout-availability' },
          { name: 'CheckoutPodCrashLooping', group: 'checkout-availability' },
        ],
      });
    });

    it('does not match service="checkout-web" or rules without the label', async () => {
      const rules = await loadEntityAlertRules(
        prometheus,
        'service=~"checkout.*"',
      );
      expect(rules.map(r => r.name)).toContain('CheckoutWebSlow');
      expect(rules.map(r => r.name)).not.toContain('RuleEvaluationFailures');
      const exact = await loadEntityAlertRules(
        prometheus,
        'service="checkout"',
      );
      expect(exact.map(r => r.name)).not.toContain('CheckoutWebSlow');
    });
  });

  describe(`firing alerts of the Alertmanager at ${amUrl}`, () => {
    // alerts of this run only, so reruns against the same Alertmanager
    // do not see each other
    const run = randomUUID();
    const selector = `service="checkout", test_run="${run}"`;
    const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const endsAt = new Date(Date.now() + 60 * 60_000).toISOString();
    let silenceId = '';

    beforeAll(async () => {
      const alert = (
        labels: Record<string, string>,
        annotations: Record<string, string> = {},
      ) => ({
        labels: { ...labels, test_run: run },
        annotations,
        startsAt,
        endsAt,
        generatorURL: 'http://127.0.0.1/graph',
      });
      await postAlerts(amUrl, [
        alert(
          { alertname: 'CheckoutDown', service: 'checkout', severity: 'page' },
          {
            summary: 'Checkout is down',
            runbook_url: 'https://runbooks.example.com/checkout/down',
          },
        ),
        // inhibited by CheckoutDown (inhibit rule of scripts/alertmanager.sh)
        alert({
          alertname: 'CheckoutHighLatency',
          service: 'checkout',
          severity: 'warning',
        }),
        // silenced below
        alert(
          {
            alertname: 'CheckoutHighErrorRate',
            service: 'checkout',
            severity: 'critical',
          },
          { summary: 'Checkout error rate above 5 %' },
        ),
        alert(
          {
            alertname: 'CheckoutPodCrashLooping',
            service: 'checkout',
            severity: 'warning',
            pod: 'checkout-1',
          },
          { summary: 'Pod checkout-1 is crash looping', runbook_url: '' },
        ),
        // other services: never listed for checkout
        alert({ alertname: 'IdentityHighErrorRate', service: 'identity' }),
        alert({ alertname: 'CheckoutWebSlow', service: 'checkout-web' }),
        // a label value that needs escaping in a filter
        alert({ alertname: 'OddService', service: 'say "hi" \\ tab\tend' }),
      ]);
      silenceId = await postSilence(amUrl, {
        matchers: [
          { name: 'alertname', value: 'CheckoutHighErrorRate', isRegex: false },
          { name: 'test_run', value: run, isRegex: false, isEqual: true },
        ],
        startsAt: new Date().toISOString(),
        endsAt,
        createdBy: 'alerts.integration.test',
        comment: 'deploy window',
      });
      // the inhibitor and silencer work asynchronously: wait until settled
      await waitFor(async () => {
        const alerts = await alertmanager.listAlerts({
          matchers: parseAlertSelector(selector),
        });
        return (
          alerts.length === 4 &&
          alerts.filter(a => a.state === 'suppressed').length === 2
        );
      });
    }, 30_000);

    it('lists the active and suppressed alerts of the selector', async () => {
      const alerts = await alertmanager.listAlerts({
        matchers: parseAlertSelector(selector),
      });
      const byName = Object.fromEntries(alerts.map(a => [a.name, a]));
      expect(Object.keys(byName).sort()).toEqual([
        'CheckoutDown',
        'CheckoutHighErrorRate',
        'CheckoutHighLatency',
        'CheckoutPodCrashLooping',
      ]);
      expect(byName.CheckoutDown).toEqual(
        checkoutDownAlert(startsAt, { test_run: run }),
      );
      expect(byName.CheckoutHighErrorRate).toMatchObject({
        state: 'suppressed',
        silencedBy: [silenceId],
        severity: 'critical',
      });
      // inhibited: suppressed by no silence
      expect(byName.CheckoutHighLatency).toMatchObject({
        state: 'suppressed',
        silencedBy: [],
      });
      expect(byName.CheckoutPodCrashLooping).toMatchObject({
        state: 'active',
        summary: 'Pod checkout-1 is crash looping',
      });
      expect(byName.CheckoutPodCrashLooping.runbookUrl).toBeUndefined();
    });

    it('filters by state the way Alertmanager does', async () => {
      const matchers = parseAlertSelector(selector);
      const names = async (flags: {
        active?: boolean;
        silenced?: boolean;
        inhibited?: boolean;
      }) =>
        (await alertmanager.listAlerts({ matchers, ...flags }))
          .map(a => a.name)
          .sort();
      expect(await names({ active: false })).toEqual([
        'CheckoutHighErrorRate',
        'CheckoutHighLatency',
      ]);
      expect(await names({ silenced: false, inhibited: false })).toEqual([
        'CheckoutDown',
        'CheckoutPodCrashLooping',
      ]);
      expect(await names({ silenced: false })).not.toContain(
        'CheckoutHighErrorRate',
      );
    });

    it('escapes regex and quoted values in filters', async () => {
      const alerts = await alertmanager.listAlerts({
        matchers: parseAlertSelector(
          `{service=~"check(out)?", test_run="${run}", alertname!~"Checkout(Down|High.*)"}`,
        ),
      });
      expect(alerts.map(a => a.name)).toEqual(['CheckoutPodCrashLooping']);
      // the annotation escapes as PromQL does; the filter as Alertmanager does
      const odd = await alertmanager.listAlerts({
        matchers: parseAlertSelector(
          `service="say \\"hi\\" \\\\ tab\\tend", test_run="${run}"`,
        ),
      });
      expect(odd.map(a => [a.name, a.labels.service])).toEqual([
        ['OddService', 'say "hi" \\ tab\tend'],
      ]);
    });

    it('lists the silence', async () => {
      const silences = await alertmanager.listSilences({
        matchers: [{ name: 'test_run', operator: '=', value: run }],
      });
      expect(silences).toEqual([
        {
          id: silenceId,
          state: 'active',
          matchers: [
            {
              name: 'alertname',
              value: 'CheckoutHighErrorRate',
              isRegex: false,
              isEqual: true,
            },
            { name: 'test_run', value: run, isRegex: false, isEqual: true },
          ],
          startsAt: expect.any(String),
          endsAt,
          updatedAt: expect.any(String),
          createdBy: 'alerts.integration.test',
          comment: 'deploy window',
        },
      ]);
    });
  });

  describe(`incidents rebuilt from ALERTS (end ${fx.endIso})`, () => {
    const since = new Date(history.since * 1000);
    const until = new Date(history.until * 1000);
    const checkout = { serviceIds: ['service="checkout"'] };
    const provider = (maxPointsPerQuery?: number) =>
      AlertsHistoryPagingProvider.create({
        clients: [prometheus],
        logger,
        maxPointsPerQuery,
      });

    it('equal the fixture expectations for service="checkout"', async () => {
      const result = await provider().syncIncidents({
        services: checkout,
        since,
        until,
      });
      expect(withoutIds(result.incidents)).toEqual(history.incidents.checkout);
      expect(new Set(result.incidents.map(i => i.id)).size).toBe(
        result.incidents.length,
      );
      // 31 days at 60 s in chunks of 10 000 points, plus the rules
      expect(result.requests).toBe(6);
    });

    it('equal them for service="identity" (the outage)', async () => {
      const result = await provider().syncIncidents({
        services: { serviceIds: ['service="identity"'] },
        since,
        until,
      });
      expect(withoutIds(result.incidents)).toEqual(history.incidents.identity);
    });

    it('do not depend on where the chunks of the range queries end', async () => {
      const chunk = 400;
      const full = await provider().syncIncidents({
        services: checkout,
        since,
        until,
      });
      const chunked = await provider(chunk).syncIncidents({
        services: checkout,
        since,
        until,
      });
      expect(chunked.incidents).toEqual(full.incidents);
      // a chunk boundary falls inside the 8-hour CheckoutErrorBudgetBurn run
      const burn = full.incidents.find(i =>
        i.title.startsWith('CheckoutErrorBudgetBurn'),
      )!;
      const first = history.since - 86_400;
      const boundaries = Array.from(
        { length: 200 },
        (_, k) => first + k * chunk * history.stepSeconds,
      );
      const start = Date.parse(burn.createdAt) / 1000;
      const end = Date.parse(burn.resolvedAt!) / 1000;
      expect(boundaries.some(b => b > start && b < end)).toBe(true);
      expect(chunked.requests).toBeGreaterThan(100);
    });

    it('come out the same from an incremental sync', async () => {
      const p = provider();
      const middle = new Date((fx.end - 5 * 3600 - 30) * 1000);
      const first = await p.syncIncidents({
        services: checkout,
        since,
        until: middle,
      });
      // the 8-hour burn alert is still firing at the middle
      expect(
        first.incidents.find(i =>
          i.title.startsWith('CheckoutErrorBudgetBurn'),
        ),
      ).toMatchObject({ status: 'triggered', resolvedAt: null });

      const second = await p.syncIncidents({
        services: checkout,
        since,
        until,
        cursor: first.cursor,
      });
      // only the overlap and the new part were read
      expect(second.requests).toBe(1);
      const merged = new Map<string, Incident>();
      for (const incident of [...first.incidents, ...second.incidents]) {
        merged.set(incident.id, incident);
      }
      expect(withoutIds([...merged.values()])).toEqual(
        history.incidents.checkout,
      );
    });

    it('show the flapping CheckoutHighLatency alert', async () => {
      const result = await provider().syncIncidents({
        services: checkout,
        since,
        until,
      });
      const runs = findFlappingRuns(result.incidents);
      expect(runs.map(r => [r.key, r.incidentIds.length])).toEqual([
        ['CheckoutHighLatency{service="checkout", severity="warning"}', 3],
      ]);
    });
  });
}

if (fixtures && prometheusUrl && alertmanagerUrl) {
  describeAlerts(fixtures, prometheusUrl, alertmanagerUrl);
} else if (process.env.RELIABILITY_REQUIRE_ALERTMANAGER === '1') {
  it('has PROMETHEUS_URL, PROMETHEUS_FIXTURES and ALERTMANAGER_URL, as RELIABILITY_REQUIRE_ALERTMANAGER=1 demands: source scripts/prometheus.sh and scripts/alertmanager.sh and run `start_prometheus fixtures` and `start_alertmanager`', () => {
    expect(REQUIRED.filter(name => !process.env[name])).toEqual([]);
  });
} else {
  it('runs against Alertmanager only when one is configured', () => {
    // not a silent pass: an Alertmanager without the fixture Prometheus fails
    expect({ alertmanager: process.env.ALERTMANAGER_URL }).toEqual({
      alertmanager: undefined,
    });
  });
}
