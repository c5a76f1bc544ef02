/*
 * The alert-quality collector with the real PagerDutyPagingProvider against
 * the PagerDuty double served over real HTTP on 127.0.0.1, with a SQLite
 * store: a backfill, a run during a rate-limit and 5xx outage longer than
 * the client's retries (everything kept, marked stale, cursor kept), a
 * short burst the retries absorb, and a recovery that updates the changed
 * incidents in place.
 */
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PagingProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import {
  AlertQualityCollector,
  AlertSourcesDocument,
} from '../alertQuality/AlertQualityCollector';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { PagerDutyPagingProvider } from '../providers/pagerduty';
import {
  TOKEN,
  expectedIncidents,
  loggedText,
  RATE_LIMITED,
} from '../providers/pagerduty/__testUtils__/pagerDutyTestEnv';
import { ALL_TIME } from '../__testUtils__/incidents';
import { PagerDutyDouble, populatePagerDutyDouble } from '../testUtils';
import { testComponent } from '../__testUtils__/entities';
import { DAY, HOUR, MINUTE } from '../__testUtils__/time';
import { recordUnhandledRejections } from '../__testUtils__/unhandledRejections';

const START = Date.parse('2026-03-01T12:00:00Z');

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const SERVICES = ['PS00000', 'PS00001', 'PS00002'];
const NAMES = ['checkout', 'search', 'payments'];
const ref = (name: string) => `component:default/${name}`;
const component = (name: string, serviceId: string): Entity =>
  testComponent(name, {
    annotations: {
      'pagerduty.com/service-id': serviceId,
      'pagerduty.com/account': 'main',
    },
  });

describe('alert-quality collector against the PagerDuty double, with faults', () => {
  const rejections = recordUnhandledRejections();

  it('keeps stored incidents through an outage, marks them stale, and recovers', async () => {
    const clock = { ms: START };
    const now = () => clock.ms;
    const double = new PagerDutyDouble({
      token: TOKEN,
      now,
      analyticsLagMs: DAY,
    });
    populatePagerDutyDouble(double, {
      services: 3,
      incidents: 90,
      days: 30,
      end: START - HOUR,
    });
    const served = await double.listen();
    try {
      const knex = await databases.init('SQLITE_3');
      const store = await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      const providerLogger = mockServices.logger.mock();
      const collectorLogger = mockServices.logger.mock();
      const sleep = jest.fn(async (ms: number) => {
        clock.ms += ms;
      });
      const provider = PagerDutyPagingProvider.create(
        [
          {
            name: 'main',
            token: TOKEN,
            region: 'custom',
            baseUrl: served.url,
            timeoutMs: 5_000,
          },
        ],
        {
          logger: providerLogger,
          now,
          client: {
            sleep,
            now,
            random: () => 0.5,
            retry: {
              retries: 2,
              rateLimitRetries: 2,
              baseDelayMs: 100,
              maxDelayMs: 400,
            },
          },
        },
      );
      const collector = new AlertQualityCollector({
        clock: { now: () => new Date(clock.ms) },
        catalog: catalogServiceMock({
          entities: NAMES.map((name, i) => component(name, SERVICES[i])),
        }),
        auth: mockServices.auth(),
        store,
        logger: collectorLogger,
        pagers: new Map<string, PagingProvider>([['pagerduty', provider]]),
        demo: false,
        concurrency: 1,
      });
      const incidentsOf = (name: string) =>
        store.listIncidents(ref(name), ...ALL_TIME);
      const documentOf = (name: string) =>
        store.readDocument<AlertSourcesDocument>(ref(name), 'alertSources');
      const sectionOf = async (name: string) =>
        (await store.readSections(ref(name))).alertQuality;
      const truthOf = (i: number) =>
        expectedIncidents(double, (_, service) => service === SERVICES[i]);
      const snapshot = async () => {
        const out: Record<string, unknown> = {};
        for (const name of NAMES) {
          out[name] = {
            incidents: await incidentsOf(name),
            document: await documentOf(name),
            sync: await store.getPagingSync(ref(name), 'pagerduty'),
          };
        }
        return out as Record<
          string,
          {
            incidents: Awaited<ReturnType<typeof incidentsOf>>;
            document: AlertSourcesDocument | undefined;
            sync: Awaited<ReturnType<typeof store.getPagingSync>>;
          }
        >;
      };

      // 1) backfill
      const run1At = new Date(clock.ms);
      const first = await collector.run(run1At);
      const counts = SERVICES.map((_, i) => truthOf(i).length);
      expect(counts.every(n => n > 0)).toBe(true);
      expect(first).toEqual({
        entities: 3,
        incidents: counts[0] + counts[1] + counts[2],
        failures: 0,
      });
      for (const [i, name] of NAMES.entries()) {
        expect(await incidentsOf(name)).toEqual(truthOf(i));
        expect(await documentOf(name)).toEqual({
          pagingSource: 'pagerduty',
          dataSince: new Date(run1At.getTime() - 90 * DAY).toISOString(),
          shifts: expect.any(Array),
          rules: null,
          firingAlerts: [],
          problems: [],
          computedAt: run1At.toISOString(),
          stale: false,
        });
        expect((await documentOf(name))!.shifts.length).toBeGreaterThan(0);
        expect(await sectionOf(name)).toMatchObject({ stale: false });
      }
      const before = await snapshot();
      for (const name of NAMES) {
        expect(before[name].sync?.cursor).toEqual(expect.any(String));
      }

      // 2) an outage longer than the retries: 429s on incident reads, 500s
      // on everything else
      clock.ms += HOUR;
      double.failNext(10_000, RATE_LIMITED, { path: /^\/incidents/ });
      double.failNext(10_000, { kind: 'status', status: 500 });
      double.clearRequests();
      const run2At = new Date(clock.ms);
      const second = await collector.run(run2At);
      expect(second).toEqual({ entities: 3, incidents: 0, failures: 3 });
      expect(double.requests.every(r => r.status >= 429)).toBe(true);
      expect(double.requests.some(r => r.status === 429)).toBe(true);
      expect(double.requests.some(r => r.status === 500)).toBe(true);
      expect(sleep.mock.calls.map(([ms]) => ms)).toContain(7_000);
      const during = await snapshot();
      for (const [i, name] of NAMES.entries()) {
        expect(during[name].incidents).toEqual(before[name].incidents);
        expect(during[name].sync?.cursor).toBe(before[name].sync?.cursor);
        const doc = during[name].document!;
        expect(doc).toEqual({
          ...before[name].document,
          stale: true,
          staleReason:
            'pagerduty: PagerDuty account "main" rate limited (HTTP 429) on GET /incidents (gave up after 3 attempts); ' +
            `pagerduty on-calls: PagerDuty account "main" unreachable: HTTP 500 on GET /services/${SERVICES[i]}: Internal Server Error (gave up after 3 attempts)`,
        });
        expect(doc.staleReason).not.toContain(TOKEN);
        expect(await sectionOf(name)).toMatchObject({
          stale: true,
          staleReason: doc.staleReason,
          computedAt: run1At.toISOString(),
        });
      }
      double.clearFaults();

      // 3) a burst shorter than the retries: absorbed
      clock.ms += HOUR;
      double.failNext(2, RATE_LIMITED);
      double.failNext(2, { kind: 'status', status: 500 });
      double.clearRequests();
      const run3At = new Date(clock.ms);
      const third = await collector.run(run3At);
      expect(third.failures).toBe(0);
      expect(double.requests.slice(0, 4).map(r => r.status)).toEqual([
        429, 429, 500, 500,
      ]);
      const afterBurst = await snapshot();
      for (const [i, name] of NAMES.entries()) {
        expect(afterBurst[name].incidents).toEqual(truthOf(i));
        expect(afterBurst[name].document).toEqual({
          ...before[name].document,
          shifts: expect.any(Array),
          computedAt: run3At.toISOString(),
          stale: false,
        });
        expect(afterBurst[name].sync?.cursor).not.toBe(
          before[name].sync?.cursor,
        );
        expect(await sectionOf(name)).toMatchObject({
          stale: false,
          computedAt: run3At.toISOString(),
        });
      }

      // 4) incidents change upstream; the next run updates them in place
      const open = double.incidents.filter(
        i => SERVICES.includes(i.serviceId) && i.status !== 'resolved',
      );
      const triggered = open.find(i => i.status === 'triggered')!;
      const acked = open.find(i => i.status === 'acknowledged')!;
      expect(triggered).toBeDefined();
      expect(acked).toBeDefined();
      // PagerDuty timestamps have whole seconds
      const wholeSeconds = Math.floor(clock.ms / 1000) * 1000;
      const ackAt = wholeSeconds + 5 * MINUTE;
      const resolveAt = wholeSeconds + 10 * MINUTE;
      double.acknowledge(triggered.id, ackAt, 'PU00000');
      double.resolve(acked.id, resolveAt);
      clock.ms += HOUR;
      const run4At = new Date(clock.ms);
      const fourth = await collector.run(run4At);
      expect(fourth.failures).toBe(0);
      for (const [i, name] of NAMES.entries()) {
        const stored = await incidentsOf(name);
        expect(stored).toEqual(truthOf(i));
        expect(new Set(stored.map(s => s.id)).size).toBe(stored.length);
        expect(stored.length).toBe(before[name].incidents.length);
        expect(await documentOf(name)).toMatchObject({
          stale: false,
          computedAt: run4At.toISOString(),
        });
        expect((await documentOf(name))!.staleReason).toBeUndefined();
        expect(await sectionOf(name)).toMatchObject({ stale: false });
      }
      const all = NAMES.map(name => incidentsOf(name));
      const flat = (await Promise.all(all)).flat();
      expect(flat.find(i => i.id === triggered.id)).toMatchObject({
        status: 'acknowledged',
        resolvedAt: null,
      });
      expect(flat.find(i => i.id === acked.id)).toMatchObject({
        status: 'resolved',
        resolvedAt: new Date(resolveAt).toISOString(),
      });

      // 5) no unhandled rejection, no token anywhere in the logs
      await new Promise(resolve => setImmediate(resolve));
      expect(rejections).toEqual([]);
      expect(loggedText(providerLogger)).not.toContain(TOKEN);
      expect(loggedText(collectorLogger)).not.toContain(TOKEN);
      expect(loggedText(providerLogger)).toContain('HTTP 500');
    } finally {
      await served.close();
    }
  });
});
