// Helpers of scripts/install-test.sh (plain Node, no dependencies but the
// repository's `yaml`):
//   node scripts/install-test.mjs check-tarballs DIR
//   node scripts/install-test.mjs readme-block NAME          (prints the block)
//   node scripts/install-test.mjs readme-commands            (prints them, with versions)
//   node scripts/install-test.mjs use-tarballs APP DIR
//   node scripts/install-test.mjs pin-release APP
//   node scripts/install-test.mjs add-backend APP
//   node scripts/install-test.mjs add-config APP
//   node scripts/install-test.mjs reliability-block OUT
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const YAML = createRequire(join(ROOT, 'package.json'))('yaml');

/** The published packages: folder under plugins/ and the package name. */
export const PACKAGES = [
  'reliability-common',
  'reliability-node',
  'reliability-backend',
  'reliability-backend-module-catalog',
  'reliability',
].map(dir => ({
  dir,
  name: JSON.parse(
    readFileSync(join(ROOT, 'plugins', dir, 'package.json'), 'utf8'),
  ).name,
  version: JSON.parse(
    readFileSync(join(ROOT, 'plugins', dir, 'package.json'), 'utf8'),
  ).version,
}));

function fail(message) {
  console.error(`install-test: ${message}`);
  process.exit(1);
}

/** The fenced block after `<!-- install-test: NAME -->` in the root README. */
function readmeBlock(name) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marker = `<!-- install-test: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) fail(`README.md has no block marked "${marker}"`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) fail(`no fenced block after "${marker}" in README.md`);
  return match[1];
}

function tarList(file) {
  return execFileSync('tar', ['tzf', file], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(f => f.replace(/^package\//, ''));
}

function tarManifest(file) {
  return JSON.parse(
    execFileSync('tar', ['xzf', file, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/**
 * Each tarball holds only what an app needs, and its manifest points at
 * files that are in it, with versions instead of workspace: ranges.
 */
function checkTarballs(dir) {
  const problems = [];
  for (const pkg of PACKAGES) {
    const file = join(dir, `${pkg.dir}.tgz`);
    const files = tarList(file);
    const manifest = tarManifest(file);
    const own = readFileSync(
      join(ROOT, 'plugins', pkg.dir, 'package.json'),
      'utf8',
    );
    const expectAlso = [
      'README.md',
      'report.api.md',
      ...(JSON.parse(own).configSchema ? ['config.schema.json'] : []),
      ...readdirSync(join(ROOT, 'plugins', pkg.dir)).filter(f =>
        /^report-.*\.api\.md$/.test(f),
      ),
    ];
    for (const f of expectAlso) {
      if (!files.includes(f)) problems.push(`${pkg.dir}: ${f} missing`);
    }
    if (pkg.dir === 'reliability-backend') {
      const migrations = readdirSync(
        join(ROOT, 'plugins', pkg.dir, 'migrations'),
      );
      for (const m of migrations) {
        if (!files.includes(`migrations/${m}`)) {
          problems.push(`${pkg.dir}: migrations/${m} missing`);
        }
      }
    }
    for (const f of files) {
      const allowed =
        f.startsWith('dist/') ||
        f.startsWith('migrations/') ||
        expectAlso.includes(f) ||
        f === 'package.json';
      if (!allowed) problems.push(`${pkg.dir}: unexpected file ${f}`);
      if (/(^|\/)src\/|\.test\.|__testUtils__/.test(f)) {
        problems.push(`${pkg.dir}: test or source file ${f}`);
      }
    }
    const text = JSON.stringify(manifest);
    if (text.includes('workspace:')) {
      problems.push(`${pkg.dir}: a workspace: range in the packed manifest`);
    }
    const entries = [manifest.main, manifest.types, manifest.module].filter(
      Boolean,
    );
    const walk = v =>
      typeof v === 'string'
        ? v.startsWith('./') && entries.push(v.slice(2))
        : v && Object.values(v).forEach(walk);
    walk(manifest.exports);
    for (const e of entries.map(x => x.replace(/^\.\//, ''))) {
      if (e !== 'package.json' && !files.includes(e)) {
        problems.push(`${pkg.dir}: the manifest points at ${e}, not packed`);
      }
    }
    const size = readFileSync(file).length;
    console.log(
      `  ${pkg.name}@${manifest.version}: ${files.length} files, ${(
        size / 1024
      ).toFixed(0)} KiB packed (${files
        .filter(f => !f.startsWith('dist/') && !f.startsWith('migrations/'))
        .join(', ')}, dist/ ${files.filter(f => f.startsWith('dist/')).length}${
        files.some(f => f.startsWith('migrations/'))
          ? `, migrations/ ${
              files.filter(f => f.startsWith('migrations/')).length
            }`
          : ''
      })`,
    );
  }
  if (problems.length) fail(`packed packages:\n  ${problems.join('\n  ')}`);
}

/**
 * The README's commands. Our packages are not on the registry in this test,
 * so each name gets the range of its packed version; the resolutions of
 * use-tarballs then take it from the tarball.
 */
function readmeCommands() {
  const lines = readmeBlock('commands')
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'));
  return lines.map(line =>
    line
      .split(/\s+/)
      .map(word => {
        const pkg = PACKAGES.find(p => p.name === word);
        return pkg ? `${word}@^${pkg.version}` : word;
      })
      .join(' '),
  );
}

/** The app takes our packages from the tarballs, wherever they are required. */
function useTarballs(app, dir) {
  const file = join(app, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  manifest.resolutions = manifest.resolutions ?? {};
  for (const pkg of PACKAGES) {
    manifest.resolutions[pkg.name] = `file:${join(dir, `${pkg.dir}.tgz`)}`;
  }
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * create-app writes the release's versions as caret ranges and relies on a
 * seed lock, fetched from GitHub, to keep them on the release; without it a
 * fresh install mixes in packages of later releases (a later
 * plugin-signals-backend needs a later backend-defaults and stops the
 * backend; a later core-plugin-api beside the release's loses the app
 * context). The app's own @backstage dependencies are pinned to the versions
 * create-app wrote, which are the release's, and the root resolutions of this
 * repository (the release's versions) apply to the app's whole tree.
 */
function pinRelease(app) {
  const ours = JSON.parse(
    readFileSync(join(ROOT, 'package.json'), 'utf8'),
  ).resolutions;
  const rootFile = join(app, 'package.json');
  const root = JSON.parse(readFileSync(rootFile, 'utf8'));
  root.resolutions = root.resolutions ?? {};
  for (const [name, version] of Object.entries(ours)) {
    if (name.startsWith('@backstage/') && !(name in root.resolutions)) {
      root.resolutions[name] = version;
    }
  }
  writeFileSync(rootFile, `${JSON.stringify(root, null, 2)}\n`);
  for (const dir of ['.', 'packages/app', 'packages/backend']) {
    const file = join(app, dir, 'package.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (name.startsWith('@backstage/') && /^\^\d/.test(range)) {
          manifest[field][name] = range.slice(1);
        }
      }
    }
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/** README step 2: the backend block, before `backend.start()`. */
function addBackend(app) {
  const file = join(app, 'packages/backend/src/index.ts');
  const source = readFileSync(file, 'utf8');
  const start = 'backend.start();';
  if (source.split(start).length !== 2) {
    fail(`${file} has not exactly one "${start}"`);
  }
  writeFileSync(
    file,
    source.replace(start, `${readmeBlock('backend')}\n${start}`),
  );
}

/** README step 4: the config block, into app-config.yaml. */
function addConfig(app) {
  const file = join(app, 'app-config.yaml');
  const text = readFileSync(file, 'utf8');
  const block = readmeBlock('config');
  const current = YAML.parse(text);
  for (const key of Object.keys(YAML.parse(block))) {
    if (key in current) fail(`the stock app-config.yaml already has ${key}`);
  }
  // README step 3 holds for apps that discover their plugins.
  if (current.app?.packages !== 'all') {
    fail('the stock app does not discover plugins (app.packages is not all)');
  }
  writeFileSync(file, `${text.trimEnd()}\n\n${block}`);
}

/** The `reliability` block of this repository's app-config.yaml. */
function reliabilityBlock(out) {
  const config = YAML.parse(
    readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  writeFileSync(out, YAML.stringify({ reliability: config.reliability }));
}

const [command, ...args] = process.argv.slice(2);
const commands = {
  'check-tarballs': () => checkTarballs(args[0]),
  'readme-block': () => process.stdout.write(readmeBlock(args[0])),
  'readme-commands': () => console.log(readmeCommands().join('\n')),
  'use-tarballs': () => useTarballs(args[0], args[1]),
  'pin-release': () => pinRelease(args[0]),
  'add-backend': () => addBackend(args[0]),
  'add-config': () => addConfig(args[0]),
  'reliability-block': () => reliabilityBlock(args[0]),
};
if (!commands[command]) fail(`unknown command ${command}`);
commands[command]();
