#!/usr/bin/env node
/*
 * Regenerates specs/github/api.github.com.issues-subset.json: the operations
 * the GitHub issues ticket provider calls, cut from the api.github.com
 * OpenAPI document of the npm package @octokit/openapi (MIT), with every
 * component they reference, transitively. Nothing else is changed.
 *
 * Run by hand (see specs/README.md):
 *   cd /tmp && npm pack @octokit/openapi@<version> && tar xzf octokit-openapi-*.tgz
 *   node specs/github/extract-subset.mjs /tmp/package
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operations the provider calls: path -> methods. */
const OPERATIONS = {
  '/repos/{owner}/{repo}/issues/{issue_number}': ['get'],
};

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: node extract-subset.mjs <unpacked @octokit/openapi>');
  process.exit(2);
}
const pkg = JSON.parse(
  fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
);
const full = JSON.parse(
  fs.readFileSync(
    path.join(packageDir, 'generated', 'api.github.com.json'),
    'utf8',
  ),
);

const paths = {};
for (const [p, methods] of Object.entries(OPERATIONS)) {
  const item = full.paths[p];
  if (!item) throw new Error(`${p} is not in the document`);
  paths[p] = {};
  for (const m of methods) {
    if (!item[m])
      throw new Error(`${m.toUpperCase()} ${p} is not in the document`);
    paths[p][m] = item[m];
  }
  if (item.parameters) paths[p].parameters = item.parameters;
}

// every '#/components/<kind>/<name>' reachable from the operations
const components = {};
const seen = new Set();
const unescape = s => s.replace(/~1/g, '/').replace(/~0/g, '~');
function walk(node) {
  if (Array.isArray(node)) return node.forEach(walk);
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(v);
      if (!m) throw new Error(`unsupported $ref ${v}`);
      if (seen.has(v)) continue;
      seen.add(v);
      const [kind, name] = [m[1], unescape(m[2])];
      const target = full.components?.[kind]?.[name];
      if (target === undefined) throw new Error(`dangling $ref ${v}`);
      (components[kind] ??= {})[name] = target;
      walk(target);
    } else {
      walk(v);
    }
  }
}
walk(paths);

const sorted = Object.fromEntries(
  Object.keys(components)
    .sort()
    .map(kind => [
      kind,
      Object.fromEntries(
        Object.keys(components[kind])
          .sort()
          .map(n => [n, components[kind][n]]),
      ),
    ]),
);
const subset = {
  openapi: full.openapi,
  info: {
    ...full.info,
    'x-subset-of': `${pkg.name}@${pkg.version} generated/api.github.com.json (license ${pkg.license}); only the operations in specs/github/extract-subset.mjs and the components they reference`,
  },
  servers: full.servers,
  externalDocs: full.externalDocs,
  paths,
  components: sorted,
};
const out = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'api.github.com.issues-subset.json',
);
fs.writeFileSync(out, `${JSON.stringify(subset, null, 2)}\n`);
console.log(
  `wrote ${out}: ${Object.keys(paths).length} paths, ${
    seen.size
  } components from ${pkg.name}@${pkg.version}`,
);
