#!/usr/bin/env node
// Prints the ratio table at the top of docs/performance.md from the JSON
// that ./bench/run-peers.sh writes (default .local/bench/).
//
//   node bench/peers-report.mjs [dir]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir =
  process.argv[2] ?? path.resolve(import.meta.dirname, '../.local/bench');
const read = name => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
const pd = read('peers-pagerduty.json');
const ti = read('peers-techinsights.json');

let commit = '?';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    encoding: 'utf8',
  }).trim();
} catch {
  // not a git checkout
}
const machine = `${os.cpus().length} vCPU ${os
  .cpus()[0]
  ?.model?.replace(/\s+/g, ' ')
  .split(' ')
  .slice(0, 3)
  .join(' ')}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${
  process.versions.node
}`;
const fmt = x =>
  typeof x === 'number'
    ? Math.abs(x) >= 100
      ? Math.round(x).toLocaleString('en-US')
      : String(Math.round(x * 100) / 100)
    : String(x);
const ratio = (peer, us) =>
  us === 0 ? (peer === 0 ? '=' : '∞') : `${fmt(peer / us)}x`;
const rows = [];
const row = (measure, peerName, peer, us, r, date, load) =>
  rows.push([
    measure,
    peerName,
    fmt(peer),
    fmt(us),
    r,
    date.slice(0, 16).replace('T', ' '),
    `${commit}`,
    `${machine}, load ${load}`,
  ]);
const load = x => `${fmt(x.before[0])}→${fmt(x.after[0])}`;

const pdName = `PagerDuty plugin ${pd.peer.version}`;
const pdLoad = load(pd.loadAvg);
const views = `${pd.views} views, ${pd.services} services`;
for (const phase of ['cold', 'warm']) {
  const [p, u] = [pd.peer[phase], pd.ours[phase]];
  for (const [measure, key] of [
    [`upstream requests per view (${views})`, 'upstreamPerView'],
    ['backend latency per view p50 (ms)', 'p50Ms'],
    ['backend latency per view p99 (ms)', 'p99Ms'],
  ]) {
    const r =
      key === 'upstreamPerView' && u[key] === 0
        ? `${fmt(p[key])} → 0`
        : ratio(p[key], u[key]);
    row(
      `PagerDuty card, ${phase}: ${measure}`,
      pdName,
      p[key],
      u[key],
      r,
      pd.at,
      pdLoad,
    );
  }
}
const { down: peerDown } = pd.peer;
const { down: ourDown } = pd.ours;
row(
  'PagerDuty down: time to an answer (ms)',
  pdName,
  peerDown.status ? peerDown.ms : `no answer in ${fmt(peerDown.ms)}`,
  ourDown.ms,
  `${peerDown.status ? '' : '> '}${ratio(peerDown.ms, ourDown.ms)}`,
  pd.at,
  pdLoad,
);
row(
  'PagerDuty down: what it says',
  pdName,
  peerDown.status ? `HTTP ${peerDown.status}: ${peerDown.says}` : peerDown.says,
  `HTTP ${ourDown.status}, the last good data (${
    ourDown.incidents
  } incidents in 28 days, as before the outage: ${
    ourDown.incidents === ourDown.incidentsBeforeDown
  }), stale: ${ourDown.stale}`,
  '',
  pd.at,
  pdLoad,
);

for (const s of ti.sizes) {
  const n = s.entities.toLocaleString('en-US');
  const v = s.peer.versions;
  const tiName = `Tech Insights ${v['@backstage-community/plugin-tech-insights-backend']} + jsonfc ${v['@backstage-community/plugin-tech-insights-backend-module-jsonfc']}`;
  const both = f => [f(s.peer), f(s.ours)];
  const lines = [
    [
      `Fleet evaluation, ${n} entities × ${s.checks} checks, first run (s)`,
      x => x.first.ms / 1000,
    ],
    [`Fleet evaluation, ${n} entities, next run (s)`, x => x.second.ms / 1000],
    [
      `Fleet evaluation, ${n} entities: ms per entity (next run)`,
      x => x.second.ms / s.entities,
    ],
    [
      `Fleet evaluation, ${n} entities: SQL statements (next run)`,
      x => x.second.queries,
    ],
    [`One entity's result, ${n} entities: p50 (ms)`, x => x.read.p50Ms],
    [`One entity's result, ${n} entities: p99 (ms)`, x => x.read.p99Ms],
    [
      `One entity's result, ${n} entities: SQL statements per read`,
      x => x.read.queriesPerRead,
    ],
    [`Bytes stored, ${n} entities (JSON)`, x => x.stored.bytes],
  ];
  for (const [measure, f] of lines) {
    const [p, u] = both(f);
    row(measure, tiName, p, u, ratio(p, u), ti.at, load(s.loadAvg));
  }
  const [p, u] = both(
    x => `results: ${x.resultsKept ? 'yes' : 'no'}; history: ${x.historyKept}`,
  );
  row(
    `Results and history kept, ${n} entities`,
    tiName,
    p,
    u,
    '',
    ti.at,
    load(s.loadAvg),
  );
}
const head = [
  'measure',
  'peer',
  'peer value',
  'us',
  'ratio (peer / us)',
  'date (UTC)',
  'commit',
  'machine',
];
process.stdout.write(
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(
      r => `| ${r.map(c => String(c).replace(/\|/g, '\\|')).join(' | ')} |`,
    ),
  ].join('\n') + '\n',
);
