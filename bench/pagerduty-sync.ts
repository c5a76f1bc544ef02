/*
 * PagerDuty sync benchmark: the real PagerDutyPagingProvider and
 * PagerDutyClient against the PagerDuty double served as a real HTTP server
 * on 127.0.0.1 (an ephemeral port), holding a deterministic account of
 * 50,000 incidents across 1,000 services over 90 days.
 *
 * It measures the first backfill for all services (several service batch
 * sizes, with and without the analytics endpoint, and one sync per entity),
 * one incremental sync after ~1% of the incidents changed, the on-call
 * shifts of every entity, and the alert-quality recomputation
 * (computeAlertQuality) for 1,000 entities over 28 and 90 days.
 *
 * It also runs the AlertQualityCollector itself (one entity per service,
 * a better-sqlite3 store in memory, catalogServiceMock) through the same
 * backfill and incremental syncs: batched (the provider's
 * syncIncidentsForMany / listOnCallShiftsForMany, what the collector calls)
 * and, unless --no-per-entity, through the per-entity fallback. Those rows
 * include the on-call shifts and the store writes; every stored incident is
 * compared with the double's data.
 *
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
 *     bench/pagerduty-sync.ts [--services 1000] [--incidents 50000] \
 *     [--days 90] [--batch-sizes 25,50,100,200] [--concurrency 4] \
 *     [--no-per-entity] [--json out.json] [--markdown out.md]
 *
 * Or ./bench/run-pagerduty-sync.sh. All traffic stays on 127.0.0.1.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Incident,
  OnCallShift,
  computeAlertQuality,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { PagingProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { AlertQualityCollector } from '../plugins/reliability-backend/src/alertQuality/AlertQualityCollector';
import { DatabaseReliabilityStore } from '../plugins/reliability-backend/src/database/DatabaseReliabilityStore';
import {
  PagerDutyPagingProvider,
  PagerDutyPagingProviderOptions,
} from '../plugins/reliability-backend/src/providers/pagerduty';
import {
  DoubleIncident,
  PagerDutyDouble,
  populatePagerDutyDouble,
  seededRandom,
} from '@reliability-kit/backstage-plugin-reliability-backend/testUtils';
import { systemClock } from '../plugins/reliability-backend/src/lib/Clock';
import {
  ReportOptions,
  inMemoryStore,
  optionSetter,
  pagerDutyComponents,
  parseFlags,
  reportFlags,
} from './benchShared';

interface Options extends ReportOptions {
  services: number;
  incidents: number;
  days: number;
  batchSizes: number[];
  concurrency: number;
  perEntity: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    services: 1000,
    incidents: 50_000,
    days: 90,
    batchSizes: [25, 50, 100, 200],
    concurrency: 4,
    perEntity: true,
  };
  const set = optionSetter(opts);
  parseFlags(
    argv,
    {
      '--services': set('services', Number),
      '--incidents': set('incidents', Number),
      '--days': set('days', Number),
      '--batch-sizes': set('batchSizes', v => v.split(',').map(Number)),
      '--concurrency': set('concurrency', Number),
      ...reportFlags(opts),
    },
    {
      '--no-per-entity': () => {
        opts.perEntity = false;
      },
    },
  );
  return opts;
}

const TOKEN = 'bench-token-not-a-secret';
const END = Date.parse('2026-03-01T00:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** What PagerDuty documents as its REST API rate limit per API key. */
const PAGERDUTY_REQUESTS_PER_MINUTE = 960;

const clock = { ms: END };
const now = () => clock.ms;

const warnings: string[] = [];
const logger: LoggerService = {
  debug: () => {},
  info: () => {},
  warn: (message: string) => {
    warnings.push(message);
  },
  error: (message: string) => {
    warnings.push(message);
  },
  child: () => logger,
};

interface SyncRow {
  name: string;
  requests: number;
  byEndpoint: Record<string, number>;
  wallMs: number;
  incidents: number;
  incidentsPerSecond: number;
  /** Wall time if PagerDuty allowed only 960 requests per minute. */
  atRateLimitS: number;
  mismatches: number;
}

interface CollectorRow {
  name: string;
  /** Every request of the run: incidents, first acknowledgements, on-calls. */
  requests: number;
  /** Of those, `GET /services`, `GET /services/{id}` and `GET /oncalls`. */
  onCallRequests: number;
  byEndpoint: Record<string, number>;
  wallMs: number;
  /** Incidents the run synced (summed over entities). */
  synced: number;
  /** Incidents stored afterwards (created since the backfill start). */
  stored: number;
  failures: number;
  atRateLimitS: number;
  mismatches: number;
}

function endpointsOf(
  double: PagerDutyDouble,
  from: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of double.requests.slice(from)) {
    const path = r.path
      .replace(
        /^\/incidents\/[^/]+\/log_entries$/,
        '/incidents/{id}/log_entries',
      )
      .replace(/^\/incidents\/[^/]+$/, '/incidents/{id}')
      .replace(/^\/services\/[^/]+$/, '/services/{id}');
    const key = `${r.method} ${path}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** The incident the provider must return, from the double's own data. */
function truth(double: PagerDutyDouble, i: DoubleIncident): Incident {
  const entries = double.logEntriesOf(i.id);
  const ack = entries.find(e => e.type === 'acknowledge_log_entry');
  return {
    id: i.id,
    source: 'pagerduty',
    serviceId: i.serviceId,
    title: i.title,
    alertKey: i.incidentKey,
    urgency: i.urgency,
    status: i.status,
    createdAt: new Date(i.createdMs).toISOString(),
    firstAcknowledgedAt: ack ? new Date(ack.createdMs).toISOString() : null,
    resolvedAt:
      i.resolvedMs === null ? null : new Date(i.resolvedMs).toISOString(),
    escalations: entries.filter(e => e.type === 'escalate_log_entry').length,
  };
}

function countMismatches(
  double: PagerDutyDouble,
  got: Incident[],
  expectedIds: Set<string>,
): number {
  let mismatches = Math.abs(expectedIds.size - got.length);
  for (const incident of got) {
    const source = double.getIncident(incident.id);
    if (
      !source ||
      !expectedIds.has(incident.id) ||
      JSON.stringify(truth(double, source)) !== JSON.stringify(incident)
    ) {
      mismatches++;
    }
  }
  return mismatches;
}

function makeProvider(
  baseUrl: string,
  options: Partial<PagerDutyPagingProviderOptions>,
) {
  return PagerDutyPagingProvider.create(
    [
      {
        name: 'bench',
        token: TOKEN,
        region: 'custom',
        baseUrl,
        timeoutMs: 30_000,
      },
    ],
    { logger, now, client: { now }, ...options },
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (value: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

async function mapWithConcurrency<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        await fn(items[next++]);
      }
    }),
  );
}

/** The provider with its per-entity methods only: the collector's fallback. */
function perEntityOnly(provider: PagingProvider): PagingProvider {
  return {
    id: provider.id,
    syncIncidents: request => provider.syncIncidents(request),
    listOnCallShifts: request => provider.listOnCallShifts(request),
  };
}

const entityName = (serviceId: string) => `svc-${serviceId.toLowerCase()}`;
const entityRefOf = (serviceId: string) =>
  `component:default/${entityName(serviceId)}`;

/** An incident's fields in a fixed order, for comparison. */
const canonical = (incident: Incident) =>
  JSON.stringify(incident, Object.keys(incident).sort());

/** The alert-quality collector over one entity per service, in memory. */
async function makeCollector(
  provider: PagingProvider,
  serviceIds: string[],
  opts: Options,
) {
  const { store, close } = await inMemoryStore();
  const entities = pagerDutyComponents(serviceIds, entityName, {
    spec: 'team-a',
  });
  const collector = new AlertQualityCollector({
    clock: systemClock,
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    store,
    logger,
    pagers: new Map([['pagerduty', provider]]),
    demo: false,
    backfillDays: opts.days,
    concurrency: opts.concurrency,
  });
  return { collector, store, close };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const setupStart = performance.now();
  const double = new PagerDutyDouble({
    token: TOKEN,
    now,
    analyticsLagMs: DAY,
  });
  const data = populatePagerDutyDouble(double, {
    services: opts.services,
    incidents: opts.incidents,
    days: opts.days,
    end: END,
    seed: 42,
  });
  const { url, close } = await double.listen();
  const setupMs = performance.now() - setupStart;
  process.stderr.write(
    `double on ${url}: ${opts.services} services, ${
      double.incidents.length
    } incidents over ${opts.days} days (built in ${Math.round(setupMs)} ms)\n`,
  );

  const since = new Date(END - opts.days * DAY);
  const until = new Date(END);
  const allIds = new Set(double.incidents.map(i => i.id));
  const rows: SyncRow[] = [];

  const row = (
    name: string,
    from: number,
    requests: number,
    wallMs: number,
    incidents: Incident[],
    expected: Set<string>,
  ): SyncRow => {
    const r: SyncRow = {
      name,
      requests,
      byEndpoint: endpointsOf(double, from),
      wallMs: round(wallMs, 0),
      incidents: incidents.length,
      incidentsPerSecond: round(incidents.length / (wallMs / 1000), 0),
      atRateLimitS: round((requests / PAGERDUTY_REQUESTS_PER_MINUTE) * 60, 0),
      mismatches: countMismatches(double, incidents, expected),
    };
    rows.push(r);
    process.stderr.write(
      `${name}: ${r.requests} requests, ${r.wallMs} ms, ${r.incidentsPerSecond} incidents/s, ${r.mismatches} mismatches\n`,
    );
    return r;
  };

  // ---------------------------------------------------- first backfill
  let backfill: { incidents: Incident[]; cursor: string } | undefined;
  const variants: Array<[string, Partial<PagerDutyPagingProviderOptions>]> = [
    ...opts.batchSizes.map(
      b =>
        [`backfill, ${b} services per request`, { serviceBatchSize: b }] as [
          string,
          Partial<PagerDutyPagingProviderOptions>,
        ],
    ),
    [
      'backfill without analytics (log entries only), 100 per request',
      { serviceBatchSize: 100, useAnalytics: false },
    ],
  ];
  for (const [name, options] of variants) {
    const provider = makeProvider(url, {
      concurrency: opts.concurrency,
      ...options,
    });
    const from = double.requests.length;
    const t0 = performance.now();
    const result = await provider.syncIncidents({
      services: { serviceIds: data.serviceIds },
      since,
      until,
    });
    const wallMs = performance.now() - t0;
    row(name, from, result.requests, wallMs, result.incidents, allIds);
    if (options.serviceBatchSize === 100 && options.useAnalytics !== false) {
      backfill = result;
    }
  }
  if (!backfill) {
    throw new Error('--batch-sizes must include 100');
  }

  if (opts.perEntity) {
    const provider = makeProvider(url, { concurrency: 1 });
    const from = double.requests.length;
    const t0 = performance.now();
    const incidents: Incident[] = [];
    let requests = 0;
    await mapWithConcurrency(data.serviceIds, opts.concurrency, async id => {
      const r = await provider.syncIncidents({
        services: { serviceIds: [id] },
        since,
        until,
      });
      incidents.push(...r.incidents);
      requests += r.requests;
    });
    row(
      `backfill, one sync per entity (${opts.concurrency} at once)`,
      from,
      requests,
      performance.now() - t0,
      incidents,
      allIds,
    );
  }

  // ------------------------------------------- the alert-quality collector
  const collectors: Array<{
    label: string;
    world: Awaited<ReturnType<typeof makeCollector>>;
  }> = [
    {
      label: 'batched',
      world: await makeCollector(
        makeProvider(url, { concurrency: opts.concurrency }),
        data.serviceIds,
        opts,
      ),
    },
  ];
  if (opts.perEntity) {
    collectors.push({
      label: 'per entity',
      world: await makeCollector(
        perEntityOnly(makeProvider(url, { concurrency: opts.concurrency })),
        data.serviceIds,
        opts,
      ),
    });
  }
  const collectorRows: CollectorRow[] = [];
  /** Stored incidents (created since the backfill start) that differ. */
  const storedMismatches = async (
    store: DatabaseReliabilityStore,
    sinceMs: number,
  ) => {
    const bySource = new Map<string, DoubleIncident[]>();
    for (const i of double.incidents) {
      if (i.createdMs >= sinceMs) {
        const list = bySource.get(i.serviceId) ?? [];
        list.push(i);
        bySource.set(i.serviceId, list);
      }
    }
    let mismatches = 0;
    let stored = 0;
    for (const id of data.serviceIds) {
      const got = (
        await store.listIncidents(
          entityRefOf(id),
          new Date(sinceMs).toISOString(),
          '2100-01-01T00:00:00.000Z',
        )
      ).map(canonical);
      stored += got.length;
      const expected = new Set(
        (bySource.get(id) ?? []).map(i => canonical(truth(double, i))),
      );
      mismatches += Math.abs(expected.size - got.length);
      for (const incident of got) {
        if (!expected.has(incident)) {
          mismatches++;
        }
      }
    }
    return { mismatches, stored };
  };
  const runCollectors = async (name: string) => {
    for (const { label, world } of collectors) {
      const from = double.requests.length;
      const t0 = performance.now();
      const summary = await world.collector.run(new Date(clock.ms));
      const wallMs = performance.now() - t0;
      const requests = double.requests.length - from;
      const { mismatches, stored } = await storedMismatches(
        world.store,
        END - opts.days * DAY,
      );
      const r: CollectorRow = {
        name: `collector ${name}, ${label}`,
        requests,
        onCallRequests: double.requests
          .slice(from)
          .filter(x => x.path === '/oncalls' || x.path.startsWith('/services'))
          .length,
        byEndpoint: endpointsOf(double, from),
        wallMs: round(wallMs, 0),
        synced: summary.incidents,
        stored,
        failures: summary.failures,
        atRateLimitS: round((requests / PAGERDUTY_REQUESTS_PER_MINUTE) * 60, 0),
        mismatches: mismatches + summary.failures,
      };
      collectorRows.push(r);
      process.stderr.write(
        `${r.name}: ${r.requests} requests (${r.onCallRequests} for on-calls), ${r.wallMs} ms, ${r.synced} synced, ${r.stored} stored, ${r.mismatches} mismatches\n`,
      );
    }
  };
  await runCollectors(`backfill of ${opts.services} entities`);

  // ------------------------------------------------- ~1% of incidents change
  const random = seededRandom(7);
  const pick = <T>(list: T[], n: number) => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
    }
    return out;
  };
  const t = (minutes: number) => END + minutes * MINUTE;
  const openOld = double.incidents.filter(
    i => i.status !== 'resolved' && i.createdMs < END - 2 * DAY,
  );
  const openRecent = double.incidents.filter(
    i => i.status !== 'resolved' && i.createdMs >= END - 2 * DAY,
  );
  const target = Math.round(opts.incidents * 0.01);
  const changed = new Set<string>();
  const newCount = Math.round(target * 0.2);
  const resolveOld = pick(openOld, Math.round(target * 0.5));
  for (const [k, i] of resolveOld.entries()) {
    if (i.status === 'triggered' && k % 3 === 0) {
      double.acknowledge(i.id, t(1), 'PU00000');
    }
    double.resolve(i.id, t(2));
    changed.add(i.id);
  }
  for (const i of openRecent) {
    if (i.status === 'triggered') {
      double.acknowledge(i.id, t(3), 'PU00001');
    } else {
      double.resolve(i.id, t(3));
    }
    changed.add(i.id);
  }
  const stillOpen = openOld.filter(i => !changed.has(i.id));
  for (const i of pick(
    stillOpen,
    Math.max(0, target - newCount - changed.size),
  )) {
    double.escalate(i.id, t(4));
    changed.add(i.id);
  }
  const created: string[] = [];
  for (let k = 0; k < newCount; k++) {
    const serviceId =
      data.serviceIds[Math.floor(random() * data.serviceIds.length)];
    const incident = double.addIncident({
      serviceId,
      title: `New alert ${k}`,
      urgency: k % 3 ? 'high' : 'low',
      incidentKey: `new/${k % 10}`,
      createdAt: t(5 + (k % 9)),
    });
    if (k % 2 === 0) {
      double.acknowledge(incident.id, t(14), 'PU00002');
    }
    created.push(incident.id);
  }
  clock.ms = END + 15 * MINUTE;
  process.stderr.write(
    `mutated: ${changed.size} existing incidents changed (${resolveOld.length} old ones resolved, ${openRecent.length} recent ones acknowledged or resolved), ${created.length} new\n`,
  );

  // what an incremental sync must return: incidents created or changed
  // since the cursor minus the overlap it re-reads (10 minutes by default)
  const changeTypes = new Set([
    'acknowledge_log_entry',
    'unacknowledge_log_entry',
    'escalate_log_entry',
    'resolve_log_entry',
  ]);
  const changedSince = (fromMs: number) =>
    new Set(
      double.incidents
        .filter(
          i =>
            i.createdMs >= fromMs ||
            double
              .logEntriesOf(i.id)
              .some(e => e.createdMs >= fromMs && changeTypes.has(e.type)),
        )
        .map(i => i.id),
    );

  const incremental = makeProvider(url, { concurrency: opts.concurrency });
  const syncIncrementally = async (name: string, cursorMs: number) => {
    const expected = changedSince(cursorMs - 10 * MINUTE);
    const from = double.requests.length;
    const t0 = performance.now();
    const result = await incremental.syncIncidents({
      services: { serviceIds: data.serviceIds },
      since,
      until: new Date(clock.ms),
      cursor: backfill!.cursor,
    });
    row(
      name,
      from,
      result.requests,
      performance.now() - t0,
      result.incidents,
      expected,
    );
    // the store's view: what it has, upserted with the sync's incidents
    const merged = new Map(backfill!.incidents.map(i => [i.id, i]));
    for (const i of result.incidents) {
      merged.set(i.id, i);
    }
    backfill = { incidents: [...merged.values()], cursor: result.cursor };
    await runCollectors(name);
  };
  await syncIncrementally(
    `incremental after ${changed.size + created.length} changes (${round(
      ((changed.size + created.length) / opts.incidents) * 100,
      1,
    )}%)`,
    END,
  );

  // then 15 ordinary minutes: incidents at the dataset's average rate,
  // most acknowledged and some resolved, a few earlier ones resolved
  const cursorMs = clock.ms;
  const perQuarterHour = Math.max(
    1,
    Math.round(opts.incidents / (opts.days * 24 * 4)),
  );
  let ordinary = 0;
  for (let k = 0; k < perQuarterHour; k++) {
    const incident = double.addIncident({
      serviceId: data.serviceIds[Math.floor(random() * data.serviceIds.length)],
      title: `Ordinary alert ${k}`,
      urgency: k % 3 ? 'high' : 'low',
      incidentKey: `ordinary/${k % 4}`,
      createdAt: cursorMs + k * MINUTE,
    });
    if (k % 4 !== 3) {
      double.acknowledge(
        incident.id,
        cursorMs + k * MINUTE + 90_000,
        'PU00003',
      );
    }
    if (k % 2 === 0) {
      double.resolve(incident.id, cursorMs + k * MINUTE + 5 * MINUTE);
    }
    ordinary++;
  }
  for (const i of pick(
    double.incidents.filter(
      x =>
        x.status !== 'resolved' &&
        x.createdMs >= END - DAY &&
        x.createdMs < cursorMs,
    ),
    5,
  )) {
    double.resolve(i.id, cursorMs + 12 * MINUTE);
    ordinary++;
  }
  clock.ms = cursorMs + 15 * MINUTE;
  await syncIncrementally(
    `incremental after 15 ordinary minutes (${ordinary} changes)`,
    cursorMs,
  );

  // ---------------------------------------------------- on-call shifts
  const shiftsByService = new Map<string, OnCallShift[]>();
  let onCall: { requests: number; wallMs: number; shifts: number };
  {
    const provider = makeProvider(url, { concurrency: opts.concurrency });
    const from = double.requests.length;
    const t0 = performance.now();
    await mapWithConcurrency(data.serviceIds, opts.concurrency, async id => {
      shiftsByService.set(
        id,
        await provider.listOnCallShifts({
          services: { serviceIds: [id] },
          since: new Date(END - 2 * opts.days * DAY),
          until: new Date(clock.ms),
        }),
      );
    });
    onCall = {
      requests: double.requests.length - from,
      wallMs: round(performance.now() - t0, 0),
      shifts: [...shiftsByService.values()].reduce((n, s) => n + s.length, 0),
    };
    process.stderr.write(
      `on-call shifts per entity: ${onCall.requests} requests, ${onCall.wallMs} ms, ${onCall.shifts} shifts\n`,
    );
  }
  await close();
  for (const { world } of collectors) {
    await world.close();
  }

  // ------------------------------------------ alert-quality recomputation
  const byService = new Map<string, Incident[]>();
  for (const i of backfill.incidents) {
    const list = byService.get(i.serviceId!) ?? [];
    list.push(i);
    byService.set(i.serviceId!, list);
  }
  const sizes = data.serviceIds
    .map(id => byService.get(id)?.length ?? 0)
    .sort((a, b) => a - b);
  const metrics: Array<{
    window: string;
    entities: number;
    totalMs: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
  }> = [];
  for (const window of ['28d', '90d'] as const) {
    // one warm-up pass so JIT compilation is not measured
    for (const id of data.serviceIds.slice(0, 50)) {
      computeAlertQuality({
        incidents: byService.get(id) ?? [],
        shifts: shiftsByService.get(id),
        window,
        now: clock.ms,
      });
    }
    const times: number[] = [];
    const t0 = performance.now();
    for (const id of data.serviceIds) {
      const s = performance.now();
      computeAlertQuality({
        incidents: byService.get(id) ?? [],
        shifts: shiftsByService.get(id),
        window,
        now: clock.ms,
      });
      times.push(performance.now() - s);
    }
    const totalMs = performance.now() - t0;
    times.sort((a, b) => a - b);
    metrics.push({
      window,
      entities: data.serviceIds.length,
      totalMs: round(totalMs, 0),
      p50Ms: round(percentile(times, 50), 3),
      p99Ms: round(percentile(times, 99), 3),
      maxMs: round(times[times.length - 1], 3),
    });
  }

  const result = {
    dataset: {
      services: opts.services,
      incidents: opts.incidents,
      days: opts.days,
      incidentsPerService: {
        p50: percentile(sizes, 50),
        p99: percentile(sizes, 99),
        max: sizes[sizes.length - 1],
      },
      analyticsLagHours: 24,
      double: 'node:http on 127.0.0.1',
    },
    node: process.version,
    concurrency: opts.concurrency,
    syncs: rows,
    collector: collectorRows,
    onCall,
    metrics,
    warnings: warnings.length,
  };

  const md: string[] = [];
  md.push(
    `PagerDuty sync: ${opts.services} services, ${opts.incidents} incidents over ${opts.days} days (double on 127.0.0.1, analytics lag 24 h, ${opts.concurrency} requests in flight), Node ${process.version}`,
    '',
    '| sync | requests | wall (ms) | incidents | incidents/s | at 960 req/min (s) | mismatches |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      r =>
        `| ${r.name} | ${r.requests} | ${r.wallMs} | ${r.incidents} | ${r.incidentsPerSecond} | ${r.atRateLimitS} | ${r.mismatches} |`,
    ),
    `| on-call shifts, one call per entity | ${onCall.requests} | ${
      onCall.wallMs
    } | (${onCall.shifts} shifts) | | ${round(
      (onCall.requests / PAGERDUTY_REQUESTS_PER_MINUTE) * 60,
      0,
    )} | |`,
    '',
    `The alert-quality collector (${opts.services} entities, one per service; a better-sqlite3 store in memory; on-call shifts and store writes included):`,
    '',
    '| run | requests | of which on-calls | wall (ms) | incidents synced | incidents stored | at 960 req/min (s) | mismatches |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...collectorRows.map(
      r =>
        `| ${r.name} | ${r.requests} | ${r.onCallRequests} | ${r.wallMs} | ${r.synced} | ${r.stored} | ${r.atRateLimitS} | ${r.mismatches} |`,
    ),
    '',
    'Requests by endpoint:',
    '',
    '| sync | requests by endpoint |',
    '| --- | --- |',
    ...[...rows, ...collectorRows].map(
      r =>
        `| ${r.name} | ${Object.entries(r.byEndpoint)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} |`,
    ),
    '',
    `computeAlertQuality per entity (${opts.services} entities; incidents per entity p50 ${result.dataset.incidentsPerService.p50}, p99 ${result.dataset.incidentsPerService.p99}, max ${result.dataset.incidentsPerService.max}):`,
    '',
    '| window | entities | total (ms) | p50 per entity (ms) | p99 per entity (ms) | max (ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...metrics.map(
      m =>
        `| ${m.window} | ${m.entities} | ${m.totalMs} | ${m.p50Ms} | ${m.p99Ms} | ${m.maxMs} |`,
    ),
  );
  const markdown = `${md.join('\n')}\n`;
  if (opts.json) {
    fs.writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
  }
  if (opts.markdown) {
    fs.writeFileSync(opts.markdown, markdown);
  }
  process.stdout.write(`${markdown}\n${JSON.stringify(result, null, 2)}\n`);
  const mismatches = [...rows, ...collectorRows].reduce(
    (n, r) => n + r.mismatches,
    0,
  );
  if (mismatches > 0) {
    process.stderr.write(
      `${mismatches} incidents differ from the double's data\n`,
    );
    process.exitCode = 1;
  }
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
