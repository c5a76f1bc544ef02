import { chunk } from '../lib/chunk';

/**
 * Rows per insert statement. SQLite compiles a multi-row insert into a
 * compound SELECT, limited to 500 terms; 200 rows also stay far below both
 * databases' limits of bound variables.
 */
export const WRITE_CHUNK = 200;
/** Values per `IN (...)` list. */
export const IN_CHUNK = 500;

/**
 * Runs `fn` once without a ref filter when `entityRefs` is undefined, or
 * once per chunk of (distinct) refs.
 */
export async function forEntityChunks(
  entityRefs: string[] | undefined,
  fn: (refs: string[] | undefined) => Promise<void>,
): Promise<void> {
  if (!entityRefs) {
    await fn(undefined);
    return;
  }
  for (const part of chunk([...new Set(entityRefs)], IN_CHUNK)) {
    await fn(part);
  }
}

/** The rows `read` returns, of all entities or per chunk of refs. */
export async function readByEntities<T>(
  entityRefs: string[] | undefined,
  read: (refs: string[] | undefined) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  await forEntityChunks(entityRefs, async refs => {
    for (const row of await read(refs)) out.push(row);
  });
  return out;
}
