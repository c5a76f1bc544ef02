import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { parseSloFiles } from '@reliability-kit/backstage-plugin-reliability-node';
import { findSloImpactStart } from '../incidents/findSloImpactStart';
import {
  PrometheusClient,
  readPrometheusInstances,
} from '../providers/prometheus';
import { PrometheusSloMetricsProvider } from '../slo/PrometheusSloMetricsProvider';
import { getPrometheusUrl, loadPrometheusFixtures } from './prometheusFixtures';
import { CHECKOUT_OPENSLO_SPEC, slothSpec } from './sloSpecFixtures';

// MTTD's impact start, read from the SLO burn rate on the real Prometheus of
// scripts/prometheus.sh. The identity service's fixture outage (60 % errors
// for 3 hours, ending 30 minutes before the end; IdentityHighErrorRate fires
// 5 minutes into it) is the breach; checkout burns at 0.5 throughout.

const fixtures = loadPrometheusFixtures();
const url = getPrometheusUrl();

if (!fixtures || !url) {
  it('runs only with the fixture Prometheus', () => {
    expect(process.env.RELIABILITY_REQUIRE_PROMETHEUS).not.toBe('1');
  });
} else {
  const [instance] = readPrometheusInstances(
    new ConfigReader({
      reliability: {
        prometheus: { instances: [{ name: 'fixtures', baseUrl: url }] },
      },
    }),
  );
  const provider = new PrometheusSloMetricsProvider([
    PrometheusClient.fromConfig(instance, {
      logger: mockServices.logger.mock(),
    }),
  ]);
  const specsOf = (file: string, content: string) => {
    const parsed = parseSloFiles([{ file, content }]);
    expect(parsed.errors).toEqual([]);
    return parsed.slos;
  };
  const identity = specsOf('identity.yaml', slothSpec('identity'));
  const checkout = specsOf('checkout.yaml', CHECKOUT_OPENSLO_SPEC);
  const outage = fixtures.services.identity.outage;
  const iso = (unixSeconds: number) =>
    new Date(unixSeconds * 1000).toISOString();

  it('finds the start of the breach that led to the incident: the first minute the 5-minute burn rate stayed above 1', async () => {
    // the alert fired 5 minutes into the outage; the incident was created then
    const createdAt = iso(outage.start + 5 * 60);
    const result = await findSloImpactStart({
      provider,
      entityRef: 'component:default/identity',
      specs: identity,
      createdAt,
      lookbackHours: 6,
    });
    // errors are counted from the first sample after the outage start
    expect(result).toEqual({
      startedAt: iso(outage.start + 60),
      sloId: identity[0].id,
    });
    // so MTTD is 4 minutes, never zero and never a guess
    expect(Date.parse(createdAt) - Date.parse(result.startedAt!)).toBe(
      4 * 60_000,
    );
  });

  it('is unknown when no SLO was breaching at the incident', async () => {
    const result = await findSloImpactStart({
      provider,
      entityRef: 'component:default/checkout',
      specs: checkout,
      createdAt: iso(fixtures.end - 3 * 86400),
      lookbackHours: 6,
    });
    expect(result).toEqual({ startedAt: null, sloId: null });
  });

  it('is unknown when the breach began before the searched hours', async () => {
    const result = await findSloImpactStart({
      provider,
      entityRef: 'component:default/identity',
      specs: identity,
      createdAt: iso(outage.start + 2 * 3600),
      lookbackHours: 1,
    });
    expect(result).toEqual({ startedAt: null, sloId: null });
  });
}
