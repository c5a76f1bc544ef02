#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof, e.g. BENCH_CPU_PROF=1
// ./bench/run-slo-refresh.sh): self time by function and by area.
//
//   node bench/cpuprofile-top.mjs <file.cpuprofile> [top=25]
import fs from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: cpuprofile-top.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
}
const totalUs = deltas.reduce((a, b) => a + b, 0);

const area = url => {
  if (!url) return 'native / V8';
  if (url.includes('better-sqlite3')) return 'better-sqlite3 (JS side)';
  if (url.includes('/knex/')) return 'knex';
  if (url.includes('/plugins/reliability-backend/'))
    return 'reliability-backend';
  if (url.includes('/plugins/reliability-common/')) return 'reliability-common';
  if (url.includes('/express') || url.includes('/router/')) return 'express';
  if (url.includes('node:') || url.startsWith('internal')) return 'node core';
  if (url.includes('/bench/')) return 'bench harness';
  if (url.includes('node_modules')) return 'other node_modules';
  return 'other';
};

const byFunction = new Map();
const byArea = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id);
  const url = callFrame.url.replace(/^file:\/\//, '');
  const short = url.replace(/^.*\/(node_modules|plugins|bench)\//, '$1/');
  const key = `${callFrame.functionName || '(anonymous)'}  ${short}${
    short ? `:${callFrame.lineNumber + 1}` : ''
  }`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const a = ['(idle)', '(program)', '(garbage collector)'].includes(
    callFrame.functionName,
  )
    ? callFrame.functionName
    : area(url);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
}
const fmt = us =>
  `${(us / 1000).toFixed(0).padStart(8)} ms ${((us / totalUs) * 100)
    .toFixed(1)
    .padStart(5)}%`;
process.stdout.write(
  `${file}: ${(totalUs / 1e6).toFixed(1)} s sampled\n\nBy area (self time):\n`,
);
for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1])) {
  process.stdout.write(`${fmt(us)}  ${a}\n`);
}
process.stdout.write(`\nTop ${top} functions (self time):\n`);
for (const [k, us] of [...byFunction]
  .sort((x, y) => y[1] - x[1])
  .slice(0, top)) {
  process.stdout.write(`${fmt(us)}  ${k}\n`);
}
