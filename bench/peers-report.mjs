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
for (const phase of ['cold', 'warm']) {
  row(
    `PagerDuty card, ${phase}: upstream requests per view (${pd.views} views, ${pd.services} services)`,
    pdName,
    pd.peer[phase].upstreamPerView,
    pd.ours[phase].upstreamPerView,
    pd.ours[phase].upstreamPerView === 0
      ? `${fmt(pd.peer[phase].upstreamPerView)} → 0`
      : ratio(pd.peer[phase].upstreamPerView, pd.ours[phase].upstreamPerView),
    pd.at,
    load(pd.loadAvg),
  );
  row(
    `PagerDuty card, ${phase}: backend latency per view p50 (ms)`,
    pdName,
    pd.peer[phase].p50Ms,
    pd.ours[phase].p50Ms,
    ratio(pd.peer[phase].p50Ms, pd.ours[phase].p50Ms),
    pd.at,
    load(pd.loadAvg),
  );
  row(
    `PagerDuty card, ${phase}: backend latency per view p99 (ms)`,
    pdName,
    pd.peer[phase].p99Ms,
    pd.ours[phase].p99Ms,
    ratio(pd.peer[phase].p99Ms, pd.ours[phase].p99Ms),
    pd.at,
    load(pd.loadAvg),
  );
}
row(
  'PagerDuty down: time to an answer (ms)',
  pdName,
  pd.peer.down.status
    ? pd.peer.down.ms
    : `no answer in ${fmt(pd.peer.down.ms)}`,
  pd.ours.down.ms,
  pd.peer.down.status
    ? ratio(pd.peer.down.ms, pd.ours.down.ms)
    : `> ${ratio(pd.peer.down.ms, pd.ours.down.ms)}`,
  pd.at,
  load(pd.loadAvg),
);
row(
  'PagerDuty down: what it says',
  pdName,
  pd.peer.down.status
    ? `HTTP ${pd.peer.down.status}: ${pd.peer.down.says}`
    : pd.peer.down.says,
  `HTTP ${pd.ours.down.status}, last good data (${
    pd.ours.down.incidents
  } incidents in 28 days, as before: ${
    pd.ours.down.incidents === pd.ours.down.incidentsBeforeDown
  }), stale: ${pd.ours.down.stale}`,
  '',
  pd.at,
  load(pd.loadAvg),
);

for (const s of ti.sizes) {
  const n = s.entities.toLocaleString('en-US');
  const tiName = `Tech Insights ${s.peer.versions['@backstage-community/plugin-tech-insights-backend']} + jsonfc ${s.peer.versions['@backstage-community/plugin-tech-insights-backend-module-jsonfc']}`;
  const l = load(s.loadAvg);
  row(
    `Fleet evaluation, ${n} entities × ${s.checks} checks, first run (s)`,
    tiName,
    s.peer.first.ms / 1000,
    s.ours.first.ms / 1000,
    ratio(s.peer.first.ms, s.ours.first.ms),
    ti.at,
    l,
  );
  row(
    `Fleet evaluation, ${n} entities, next run (s)`,
    tiName,
    s.peer.second.ms / 1000,
    s.ours.second.ms / 1000,
    ratio(s.peer.second.ms, s.ours.second.ms),
    ti.at,
    l,
  );
  row(
    `Fleet evaluation, ${n} entities: ms per entity (next run)`,
    tiName,
    s.peer.second.ms / s.entities,
    s.ours.second.ms / s.entities,
    ratio(s.peer.second.ms, s.ours.second.ms),
    ti.at,
    l,
  );
  row(
    `Fleet evaluation, ${n} entities: SQL statements (next run)`,
    tiName,
    s.peer.second.queries,
    s.ours.second.queries,
    ratio(s.peer.second.queries, s.ours.second.queries),
    ti.at,
    l,
  );
  row(
    `One entity's result, ${n} entities: p50 / p99 (ms)`,
    tiName,
    `${fmt(s.peer.read.p50Ms)} / ${fmt(s.peer.read.p99Ms)}`,
    `${fmt(s.ours.read.p50Ms)} / ${fmt(s.ours.read.p99Ms)}`,
    ratio(s.peer.read.p50Ms, s.ours.read.p50Ms),
    ti.at,
    l,
  );
  row(
    `One entity's result, ${n} entities: SQL statements per read`,
    tiName,
    s.peer.read.queriesPerRead,
    s.ours.read.queriesPerRead,
    ratio(s.peer.read.queriesPerRead, s.ours.read.queriesPerRead),
    ti.at,
    l,
  );
  row(
    `Bytes stored, ${n} entities (JSON)`,
    tiName,
    s.peer.stored.bytes,
    s.ours.stored.bytes,
    ratio(s.peer.stored.bytes, s.ours.stored.bytes),
    ti.at,
    l,
  );
  row(
    `Results and history kept, ${n} entities`,
    tiName,
    `results: no; history: ${s.peer.historyKept}`,
    `results: yes; history: ${s.ours.historyKept}`,
    '',
    ti.at,
    l,
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
