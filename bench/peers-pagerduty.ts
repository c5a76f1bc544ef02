/*
 * PagerDuty, side by side (run by ./bench/run-peers.sh): PagerDuty's own
 * Backstage backend plugin (@pagerduty/backstage-plugin-backend, installed
 * into bench/peers/ only) and ours, against the same PagerDuty double
 * (plugins/reliability-backend/src/testUtils) served on 127.0.0.1.
 *
 * An entity card view is what each plugin's card asks its backend for:
 * - the peer's PagerDuty card: GET /services/:id, then GET
 *   /services/:id/incidents and GET /oncall-users?escalation_policy_ids=
 *   (in parallel, as the card does; its change-events, standards and
 *   metrics requests are left out: the double does not serve them);
 * - ours (EntityOnCallHealthCard): GET /entities/.../alert-quality?window=28d,
 *   answered from the store that the collector filled.
 * Views: 200 entities drawn with a fixed seed, one view at a time; cold
 * (first view of each) and warm (the same 200 again). Then the double is
 * stopped (connections refused) and one more view is timed on each side.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     bench/peers-pagerduty.ts --json out.json
 */
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { AlertQualityCollector } from '../plugins/reliability-backend/src/alertQuality/AlertQualityCollector';
import { systemClock } from '../plugins/reliability-backend/src/lib/Clock';
import { PagerDutyPagingProvider } from '../plugins/reliability-backend/src/providers/pagerduty';
import {
  PagerDutyDouble,
  populatePagerDutyDouble,
} from '../plugins/reliability-backend/src/testUtils';
import {
  agent,
  peerRequire,
  quiet,
  send,
  serveOurRouter,
  timeEach,
} from './peersShared';
import { inMemoryStore, pagerDutyComponents } from './benchShared';

const TOKEN = 'bench-token';
const DAY = 24 * 60 * 60 * 1000;
const SERVICES = Number(process.env.PEERS_PD_SERVICES ?? 1000);
const INCIDENTS = Number(process.env.PEERS_PD_INCIDENTS ?? 10000);
const VIEWS = Number(process.env.PEERS_PD_VIEWS ?? 200);
/** How long a view may take once the double is down (the peer retries ~62 s). */
const DOWN_TIMEOUT_MS = Number(process.env.PEERS_PD_DOWN_TIMEOUT_MS ?? 75_000);

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const get = (
  url: string,
  headers: Record<string, string>,
  timeoutMs?: number,
) => send('GET', url, headers, { timeoutMs });

interface ViewStats {
  views: number;
  upstreamPerView: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: number;
}

async function measureViews(
  ids: string[],
  view: (id: string) => Promise<{ ok: boolean; ms: number }>,
  double: PagerDutyDouble,
): Promise<ViewStats> {
  const from = double.requests.length;
  const timed = await timeEach(ids, view);
  return {
    views: ids.length,
    upstreamPerView: (double.requests.length - from) / ids.length,
    ...timed,
  };
}

async function startPeer(apiBaseUrl: string) {
  const {
    startTestBackend,
    mockServices: peerMocks,
    mockCredentials,
  } = peerRequire('@backstage/backend-test-utils');
  const pdPlugin = peerRequire('@pagerduty/backstage-plugin-backend').default;
  const version = peerRequire(
    '@pagerduty/backstage-plugin-backend/package.json',
  ).version;
  const backend = await startTestBackend({
    features: [
      pdPlugin,
      peerMocks.rootConfig.factory({
        data: {
          pagerDuty: { apiBaseUrl, apiToken: TOKEN },
        },
      }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  return {
    version,
    base: `http://127.0.0.1:${port}/api/pagerduty`,
    headers: { authorization: mockCredentials.user.header() },
    stop: () => backend.stop(),
  };
}

async function startOurs(apiBaseUrl: string, serviceIds: string[]) {
  const { store, close } = await inMemoryStore();
  const entities = pagerDutyComponents(
    serviceIds,
    id => `svc-${id.toLowerCase()}`,
    { spec: 'group:default/team-a', relation: 'group:default/team-a' },
  );
  const catalog = catalogServiceMock({ entities });
  const provider = PagerDutyPagingProvider.create(
    [
      {
        name: 'bench',
        token: TOKEN,
        region: 'custom',
        baseUrl: apiBaseUrl,
        timeoutMs: 10_000,
      },
    ],
    { logger: quiet },
  );
  const collector = new AlertQualityCollector({
    clock: systemClock,
    catalog,
    auth: mockServices.auth(),
    store,
    logger: quiet,
    pagers: new Map([['pagerduty', provider]]),
    demo: false,
    backfillDays: 90,
  });
  const served = await serveOurRouter({ catalog, store });
  return {
    collector,
    ...served,
    stop: async () => {
      await served.stop();
      await close();
    },
  };
}

async function main() {
  const jsonOut = process.argv[process.argv.indexOf('--json') + 1];
  const loadBefore = os.loadavg();
  const end = Date.now();
  const double = new PagerDutyDouble({ token: TOKEN, analyticsLagMs: DAY });
  const data = populatePagerDutyDouble(double, {
    services: SERVICES,
    incidents: INCIDENTS,
    days: 90,
    end,
    seed: 42,
  });
  const { url, close } = await double.listen();
  process.stderr.write(
    `PagerDuty double on ${url}: ${SERVICES} services, ${double.incidents.length} incidents\n`,
  );
  const random = seeded(7);
  const picked = new Set<string>();
  while (picked.size < Math.min(VIEWS, data.serviceIds.length)) {
    picked.add(data.serviceIds[Math.floor(random() * data.serviceIds.length)]);
  }
  const ids = [...picked];
  const policyOf = new Map<string, string>();

  // ---- the peer
  const peer = await startPeer(url);
  const peerView = async (id: string) => {
    const t0 = performance.now();
    const service = await get(`${peer.base}/services/${id}`, peer.headers);
    let ok = service.status === 200;
    let policy = policyOf.get(id);
    if (ok) {
      policy = JSON.parse(service.body).service?.escalation_policy?.id;
      if (policy) policyOf.set(id, policy);
    }
    const [incidents, oncall] = await Promise.all([
      get(`${peer.base}/services/${id}/incidents`, peer.headers),
      get(
        `${peer.base}/oncall-users?escalation_policy_ids=${policy ?? ''}`,
        peer.headers,
      ),
    ]);
    ok = ok && incidents.status === 200 && oncall.status === 200;
    return { ok, ms: performance.now() - t0 };
  };
  const peerCold = await measureViews(ids, peerView, double);
  const peerWarm = await measureViews(ids, peerView, double);
  process.stderr.write(
    `peer ${peer.version}: cold ${JSON.stringify(
      peerCold,
    )}; warm ${JSON.stringify(peerWarm)}\n`,
  );

  // ---- ours: the collector fills the store, then views read it
  const ours = await startOurs(url, data.serviceIds);
  const from = double.requests.length;
  const t0 = performance.now();
  const summary = await ours.collector.run(new Date());
  const collectMs = performance.now() - t0;
  const collectRequests = double.requests.length - from;
  process.stderr.write(
    `ours: collector run ${Math.round(
      collectMs,
    )} ms, ${collectRequests} requests, ${JSON.stringify(summary)}\n`,
  );
  const ourView = async (id: string) => {
    const r = await get(
      `${
        ours.base
      }/entities/component/default/svc-${id.toLowerCase()}/alert-quality?window=28d`,
      ours.headers,
    );
    return { ok: r.status === 200, ms: r.ms };
  };
  const oursCold = await measureViews(ids, ourView, double);
  const oursWarm = await measureViews(ids, ourView, double);
  process.stderr.write(
    `ours: cold ${JSON.stringify(oursCold)}; warm ${JSON.stringify(
      oursWarm,
    )}\n`,
  );

  // ---- the double stops answering (its server closes: connections refused)
  const downId = ids[0];
  const lastGood = JSON.parse(
    (
      await get(
        `${
          ours.base
        }/entities/component/default/svc-${downId.toLowerCase()}/alert-quality?window=28d`,
        ours.headers,
      )
    ).body,
  ).report?.current?.incidents;
  await close();
  const peerDown = await (async () => {
    const t = performance.now();
    const r = await get(
      `${peer.base}/services/${downId}/incidents`,
      peer.headers,
      DOWN_TIMEOUT_MS,
    );
    return {
      ms: Math.round(performance.now() - t),
      status: r.status,
      says: r.body.slice(0, 300),
    };
  })();
  process.stderr.write(`peer, double down: ${JSON.stringify(peerDown)}\n`);
  // Ours: the next scheduled run fails and marks the data stale; views
  // answer from the store either way.
  await ours.collector.run(new Date());
  const oursDownView = await get(
    `${
      ours.base
    }/entities/component/default/svc-${downId.toLowerCase()}/alert-quality?window=28d`,
    ours.headers,
    DOWN_TIMEOUT_MS,
  );
  const body = JSON.parse(oursDownView.body || '{}');
  const oursDown = {
    ms: Math.round(oursDownView.ms * 1000) / 1000,
    status: oursDownView.status,
    stale: body.stale,
    staleReason: body.staleReason,
    computedAt: body.computedAt,
    /** The last good data: incidents of the 28 days, as before. */
    incidents: body.report?.current?.incidents,
    incidentsBeforeDown: lastGood,
  };
  process.stderr.write(`ours, double down: ${JSON.stringify(oursDown)}\n`);

  await peer.stop();
  await ours.stop();
  agent.destroy();
  const result = {
    at: new Date().toISOString(),
    services: SERVICES,
    incidents: double.incidents.length,
    views: ids.length,
    peer: {
      package: '@pagerduty/backstage-plugin-backend',
      version: peer.version,
      cold: peerCold,
      warm: peerWarm,
      down: peerDown,
    },
    ours: {
      collectMs: Math.round(collectMs),
      collectRequests,
      cold: oursCold,
      warm: oursWarm,
      down: oursDown,
    },
    loadAvg: { before: loadBefore, after: os.loadavg() },
  };
  if (jsonOut)
    fs.writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
