#!/usr/bin/env node
// Prints the tables of docs/performance.md ("SLO refresh") from the JSON
// files that ./bench/run-slo-refresh.sh writes (default .local/bench/).
//
//   node bench/slo-refresh-report.mjs [dir]
import fs from 'node:fs';
import path from 'node:path';

const dir =
  process.argv[2] ?? path.resolve(import.meta.dirname, '../.local/bench');
const files = fs
  .readdirSync(dir)
  .filter(f => /^slo-refresh-\d+-[a-z-]+\.json$/.test(f))
  .map(f => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
if (files.length === 0) {
  process.stderr.write(`no slo-refresh-*.json in ${dir}\n`);
  process.exit(1);
}
const modeOrder = ['file', 'file-wal', 'memory', 'postgres'];
// `db` was called `sqlite` in results written before PostgreSQL was added
const dbOf = r => r.db ?? r.sqlite;
const rows = files
  .flatMap(f => f.results)
  .sort(
    (a, b) =>
      a.n - b.n ||
      a.layout.localeCompare(b.layout) ||
      modeOrder.indexOf(dbOf(a)) - modeOrder.indexOf(dbOf(b)),
  );
const int = x => x.toLocaleString('en-US');
const s = ms => (ms / 1000).toFixed(2);
const layout = r =>
  r.layout === 'service'
    ? `(a) ${int(r.entities)} × ${r.slosPerEntity} SLOs`
    : `(b) ${int(r.entities)} × 1 SLO`;
const table = (head, align, lines) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${align.map(a => (a === 'l' ? '---' : '---:')).join(' | ')} |`,
    ...lines.map(l => `| ${l.join(' | ')} |`),
  ].join('\n');
const common = r => [int(r.n), layout(r), dbOf(r)];
const align = n => ['r', 'l', 'l', ...Array(n).fill('r')];

const out = [];
out.push('### Refresh\n');
out.push(
  table(
    [
      'N SLOs',
      'layout (entities × SLOs each)',
      'database',
      'run 1 (s)',
      'run 2 (s)',
      'upstream queries run 1 / 2',
      'HTTP requests to Prometheus run 1 / 2',
      'discovery (s) run 1 / 2',
      'SLOs evaluated',
      'catalog refreshEntity calls run 1 / 2',
      'RSS before → peak (MB)',
    ],
    align(8),
    rows.map(r => {
      const [a, b] = r.runs;
      return [
        ...common(r),
        s(a.wallMs),
        s(b.wallMs),
        `${a.upstreamQueries} / ${b.upstreamQueries}`,
        `${a.httpRequests} / ${b.httpRequests}`,
        `${s(a.discoverMs)} / ${s(b.discoverMs)}`,
        int(a.result.slos),
        `${int(a.catalogRefreshes ?? 0)} / ${int(b.catalogRefreshes ?? 0)}`,
        `${a.rssBeforeMb} → ${Math.max(a.rssPeakMb, b.rssPeakMb)}`,
      ];
    }),
  ),
);
out.push('\n### Where the refresh time goes (run 2)\n');
const calls = (run, ...names) => {
  const m = names.find(x => run.store[x]);
  return m ? int(run.store[m].calls) : '–';
};
out.push(
  table(
    [
      'N SLOs',
      'layout',
      'database',
      'wall (s)',
      'CPU user + system (s)',
      'SQL statements',
      'written to disk (MB)',
      'write calls',
      'store calls: upsertSloHistoryPoints',
      'writeSection',
      'readSections',
      'replaceSloDefinitions',
    ],
    align(9),
    rows.map(r => {
      const b = r.runs[1];
      return [
        ...common(r),
        s(b.wallMs),
        `${s(b.cpuUserMs)} + ${s(b.cpuSystemMs)}`,
        b.sqlStatements !== undefined ? int(b.sqlStatements) : '–',
        b.writeMb ?? '–',
        b.writeSyscalls !== undefined ? int(b.writeSyscalls) : '–',
        calls(b, 'upsertSloHistoryPoints', 'upsertSloHistory'),
        calls(b, 'writeSection'),
        calls(b, 'readSections'),
        calls(b, 'replaceSloDefinitions'),
      ];
    }),
  ),
);
out.push('\n### Refresh against the raw PromQL queries (the physical limit)\n');
out.push(
  table(
    [
      'N SLOs',
      'layout',
      'database',
      'requests',
      'in flight',
      'raw queries (s)',
      'refresh run 2 (s)',
      'refresh / raw',
      'responses (MB)',
      'errors',
    ],
    align(7),
    rows
      .filter(r => r.rawQueries)
      .map(r => {
        const q = r.rawQueries;
        return [
          ...common(r),
          int(q.requests),
          q.concurrency,
          s(q.wallMs),
          s(r.runs[1].wallMs),
          `${q.refreshRatio}x`,
          q.responseMb,
          q.errors,
        ];
      }),
  ),
);
out.push('\n### Entity endpoint\n');
out.push(
  table(
    [
      'N SLOs',
      'layout',
      'database',
      'response (KiB)',
      'p50 (ms)',
      'p95 (ms)',
      'p99 (ms)',
      'max (ms)',
      'mean (ms)',
      'requests/s',
      'errors',
    ],
    align(8),
    rows.map(r => {
      const h = r.http;
      return [
        ...common(r),
        (h.meanResponseBytes / 1024).toFixed(1),
        h.p50Ms,
        h.p95Ms,
        h.p99Ms,
        h.maxMs,
        h.meanMs,
        int(h.requestsPerSecond),
        h.errors,
      ];
    }),
  ),
);
const loads = rows.flatMap(r => [r.loadAvg.before[0], r.loadAvg.after[0]]);
const first = files[0];
out.push(
  `\nMeasured ${files.map(f => f.at).sort()[0]} on ${first.machine.cpus} × ${
    first.machine.cpuModel
  }, ${first.machine.memoryMb} MB, Node ${first.machine.node}, ${
    first.machine.platform
  }; commit ${first.git?.commit ?? '?'}${
    first.git?.backendDirty ? ' (backend sources modified)' : ''
  }; 1-minute load average ${Math.min(...loads)}–${Math.max(...loads)}.`,
);
const settings = new Map();
for (const r of rows) {
  if (r.dbSettings) {
    settings.set(
      dbOf(r),
      Object.entries(r.dbSettings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', '),
    );
  }
}
if (settings.size) {
  out.push(
    `Database settings: ${[...settings]
      .map(([db, v]) => `${db}: ${v}`)
      .join('; ')}.`,
  );
}
const failed = rows.filter(r => !r.check.startsWith('ok'));
if (failed.length) {
  out.push(`\nFAILED checks: ${failed.map(r => r.check).join('; ')}`);
}
process.stdout.write(`${out.join('\n')}\n`);
