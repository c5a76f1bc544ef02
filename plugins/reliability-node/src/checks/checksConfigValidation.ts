import { TierDefinition } from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfigError } from './ChecksConfigError';
import { describeConfigValue } from './describeConfigValue';

// Shared validation helpers of the checks configuration sections: each
// fails with a ChecksConfigError naming the key and its context.

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export type Obj = Record<string, unknown>;

export function isRecord(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function listOr(values: string[], none: string, lead: string): string {
  return values.length ? `${lead} ${values.join(', ')}` : none;
}

export function fail(key: string, problem: string, context?: string): never {
  throw new ChecksConfigError(key, problem, context);
}

/** Checks `raw` is a mapping with only `allowed` keys. */
export function mapping(
  raw: unknown,
  key: string,
  allowed: string[],
  context?: string,
): Obj {
  if (!isRecord(raw)) {
    return fail(
      key,
      `must be a mapping; got ${describeConfigValue(raw)}`,
      context,
    );
  }
  const extra = Object.keys(raw).find(k => !allowed.includes(k));
  if (extra !== undefined) {
    return fail(
      `${key}.${extra}`,
      `unknown key "${extra}"; allowed keys are ${allowed.join(', ')}`,
      context,
    );
  }
  return raw;
}

export function list(raw: unknown, key: string, context?: string): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    return fail(
      key,
      `must be a list; got ${describeConfigValue(raw)}`,
      context,
    );
  }
  return raw;
}

export function requiredString(
  obj: Obj,
  field: string,
  key: string,
  context?: string,
): string {
  const value = obj[field];
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      `${key}.${field}`,
      value === undefined
        ? 'is required'
        : `must be a non-empty string; got ${describeConfigValue(value)}`,
      context,
    );
  }
  return value.trim();
}

export function optionalString(
  obj: Obj,
  field: string,
  key: string,
  context?: string,
): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    return fail(
      `${key}.${field}`,
      `must be a string; got ${describeConfigValue(value)}`,
      context,
    );
  }
  return value.trim() || undefined;
}

export function optionalNumber(
  obj: Obj,
  field: string,
  key: string,
  context: string | undefined,
  rule: { min: number; exclusive: boolean; integer?: boolean },
): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.exclusive ? value > rule.min : value >= rule.min) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const what = rule.integer ? 'an integer' : 'a number';
    const bound = rule.exclusive
      ? `above ${rule.min}`
      : `of at least ${rule.min}`;
    return fail(
      `${key}.${field}`,
      `must be ${what} ${bound}; got ${describeConfigValue(value)}`,
      context,
    );
  }
  return value as number;
}

export function readId(
  obj: Obj,
  key: string,
  what: string,
  context?: string,
): string {
  const value = obj.id;
  if (typeof value !== 'string' || !ID.test(value)) {
    return fail(
      `${key}.id`,
      value === undefined
        ? `is required: every ${what} needs an id`
        : `${describeConfigValue(
            value,
          )} is not a valid id; use 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit`,
      context,
    );
  }
  return value;
}

/** Fails when `id` was used before in the same list. */
export function unique(
  seen: Map<string, string>,
  id: string,
  key: string,
  context: string,
) {
  const first = seen.get(id);
  if (first !== undefined) {
    fail(`${key}.id`, `duplicate id "${id}", also used by ${first}`, context);
  }
  seen.set(id, key);
}

export function stringList(
  raw: unknown,
  key: string,
  context: string,
): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    return fail(
      key,
      `must be a list of strings; got ${describeConfigValue(raw)}`,
      context,
    );
  }
  return raw.map((value, index) => {
    if (typeof value !== 'string' || value.trim() === '') {
      return fail(
        `${key}[${index}]`,
        `must be a non-empty string; got ${describeConfigValue(value)}`,
        context,
      );
    }
    return value.trim();
  });
}

export function tierIds(tiers: TierDefinition[]): string {
  return listOr(
    tiers.map(t => t.id),
    'no tiers are configured',
    'configured tiers are',
  );
}

/** Fails on a tier of `values` that is not configured. */
export function checkTiers(
  values: string[] | undefined,
  key: string,
  context: string,
  tiers: TierDefinition[],
) {
  values?.forEach((tier, index) => {
    if (!tiers.some(t => t.id === tier)) {
      fail(
        `${key}[${index}]`,
        `unknown tier "${tier}"; ${tierIds(tiers)}`,
        context,
      );
    }
  });
}

/** The check `obj[field]` names, which must be configured. */
export function checkRef(
  obj: Obj,
  field: string,
  key: string,
  context: string,
  checkIds: string[],
): string {
  const check = requiredString(obj, field, key, context);
  if (!checkIds.includes(check)) {
    fail(
      `${key}.${field}`,
      `unknown check "${check}"; ${listOr(
        checkIds,
        'no checks are configured (reliability.checks)',
        'configured checks are',
      )}`,
      context,
    );
  }
  return check;
}

/**
 * An entry of a list of checks, readiness items or scorecards: a mapping
 * with a valid id, only `allowed` keys and an id not `seen` before in the
 * list. Its context in errors is `<what> "<id>"`.
 */
export function listEntry(
  entry: unknown,
  entryKey: string,
  what: string,
  allowed: string[],
  seen: Map<string, string>,
): { entry: Obj; id: string; context: string } {
  if (!isRecord(entry)) {
    return fail(
      entryKey,
      `must be a mapping; got ${describeConfigValue(entry)}`,
    );
  }
  const id = readId(entry, entryKey, what);
  const context = `${what} "${id}"`;
  mapping(entry, entryKey, allowed, context);
  unique(seen, id, entryKey, context);
  return { entry, id, context };
}
