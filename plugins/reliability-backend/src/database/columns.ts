/** The snake_case column name of a camelCase field: `entityRef` -> `entity_ref`. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
}

/**
 * A row from the camelCase `fields` of `value`, each under its snake_case
 * column ({@link columnOf}); a missing field is written as SQL null.
 */
export function toColumns<T extends object>(
  value: T,
  fields: readonly (keyof T & string)[],
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of fields) row[columnOf(field)] = value[field] ?? null;
  return row;
}

/**
 * The camelCase `fields` read back from the snake_case columns of `row`; an
 * SQL null becomes `undefined`. The caller names the type the fields make.
 */
export function fromColumns<T extends object>(
  row: object,
  fields: readonly (keyof T & string)[],
): T {
  const columns = row as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const field of fields)
    value[field] = columns[columnOf(field)] ?? undefined;
  return value as T;
}
