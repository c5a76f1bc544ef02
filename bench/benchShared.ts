/*
 * Helpers the benchmark scripts share: command-line flags, an in-memory
 * store, and the catalog entities of PagerDuty services.
 */
import { Entity } from '@backstage/catalog-model';
import knexFactory from 'knex';
import { DatabaseReliabilityStore } from '../plugins/reliability-backend/src/database/DatabaseReliabilityStore';

/** What each flag that takes a value does with it. */
export type FlagHandlers = Record<
  string,
  (value: string, flag: string) => void
>;

/**
 * Reads `argv`: a flag of `switches` stands alone, a flag of `valued` takes
 * the next argument; an unknown flag or a missing value is an error.
 */
export function parseFlags(
  argv: string[],
  valued: FlagHandlers,
  switches: Record<string, () => void> = {},
): void {
  const own = (o: object, key: string) =>
    Object.prototype.hasOwnProperty.call(o, key);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (own(switches, flag)) {
      switches[flag]();
    } else if (own(valued, flag)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      valued[flag](value, flag);
    } else {
      throw new Error(`unknown argument ${flag}`);
    }
  }
}

/** The handler that parses a flag's value into `opts[key]`. */
/**
 * `set(key, parse)`: the handler that parses a flag's value into
 * `opts[key]`.
 */
export const optionSetter =
  <O>(opts: O) =>
  <K extends keyof O>(key: K, parse: (value: string, flag: string) => O[K]) =>
  (value: string, flag: string) => {
    opts[key] = parse(value, flag);
  };

/** Where a benchmark writes its report, if anywhere. */
export interface ReportOptions {
  json?: string;
  markdown?: string;
}

/** `--json <file>` and `--markdown <file>`: where a benchmark writes its report. */
export const reportFlags = (opts: ReportOptions): FlagHandlers => ({
  '--json': optionSetter(opts)('json', String),
  '--markdown': optionSetter(opts)('markdown', String),
});

/** A migrated store in an in-memory SQLite database, and how to close it. */
export async function inMemoryStore() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  return { store, close: () => knex.destroy() };
}

/**
 * One production service component per PagerDuty service id, annotated with
 * it, named by `nameOf` and owned by `owner`.
 */
export const pagerDutyComponents = (
  serviceIds: string[],
  nameOf: (serviceId: string) => string,
  owner: { spec: string; relation?: string },
): Entity[] =>
  serviceIds.map(id => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: nameOf(id),
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': id },
    },
    spec: { type: 'service', owner: owner.spec, lifecycle: 'production' },
    ...(owner.relation
      ? { relations: [{ type: 'ownedBy', targetRef: owner.relation }] }
      : {}),
  }));
