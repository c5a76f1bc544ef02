import { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs a benchmark on a fresh SQLite file (better-sqlite3, in a temp dir)
 * and, when the environment variable `pgUrlEnv` holds a PostgreSQL URL, on
 * a fresh database `name` created in it (dropped first if it exists).
 * Connections and the temp dir are cleaned up after each run.
 */
export async function forEachBenchDatabase(
  options: { name: string; pgUrlEnv: string },
  run: (label: 'SQLite' | 'PostgreSQL', knex: Knex) => Promise<void>,
): Promise<void> {
  const { name, pgUrlEnv } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, `${name}.sqlite`) },
    useNullAsDefault: true,
  });
  try {
    await run('SQLite', sqlite);
  } finally {
    await sqlite.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const pgUrl = process.env[pgUrlEnv];
  if (!pgUrl) {
    process.stderr.write(`${pgUrlEnv} is not set: PostgreSQL skipped\n`);
    return;
  }
  const admin = knexFactory({ client: 'pg', connection: pgUrl });
  await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const pg = knexFactory({ client: 'pg', connection: url.toString() });
  try {
    await run('PostgreSQL', pg);
  } finally {
    await pg.destroy();
  }
}

/** The `p`th percentile (nearest rank) of ascending `sorted` values. */
export function percentile(sorted: number[], p: number) {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** A logger that prints only warnings and errors, to stderr. */
export const quietLogger: LoggerService = {
  error: message => process.stderr.write(`error: ${message}\n`),
  warn: message => process.stderr.write(`warn: ${message}\n`),
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};
