/*
 * Request validation and value formats shared by the double's resources:
 * PagerDuty's error bodies, offset pagination, query values, times.
 */

export const MAX_OFFSET_PLUS_LIMIT = 10_000;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/** An answer other than 200, with PagerDuty's error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: string[],
  ) {
    super(message);
  }
}

export const invalid = (...errors: string[]) =>
  new HttpError(400, 2001, 'Invalid Input Provided', errors);

export function pagination(q: URLSearchParams): {
  limit: number;
  offset: number;
  total: boolean;
} {
  const limit = Math.min(
    MAX_LIMIT,
    parseNonNegativeInteger(q.get('limit'), 'limit') ?? DEFAULT_LIMIT,
  );
  const offset = parseNonNegativeInteger(q.get('offset'), 'offset') ?? 0;
  if (limit < 1) {
    throw invalid('limit must be at least 1');
  }
  if (offset + limit > MAX_OFFSET_PLUS_LIMIT) {
    throw invalid(
      `Offset + limit must be less than or equal to ${MAX_OFFSET_PLUS_LIMIT}`,
    );
  }
  return {
    limit,
    offset,
    total: parseBoolean(q.get('total'), 'total'),
  };
}

function parseNonNegativeInteger(
  value: string | null,
  name: string,
): number | undefined {
  if (value === null) {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw invalid(`${name} must be a non-negative integer`);
  }
  return Number(value);
}

export function parseBoolean(value: string | null, name: string): boolean {
  if (value === null || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  throw invalid(`${name} must be true or false`);
}

export function parseTime(value: unknown, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) {
    throw invalid(`${name} is not a valid date`);
  }
  return ms;
}

export function checkEnum(values: string[], name: string, allowed: string[]) {
  for (const v of values) {
    if (!allowed.includes(v)) {
      throw invalid(`${name} contains an invalid value`);
    }
  }
  return values;
}

export function setOf(values: string[]): Set<string> | undefined {
  return values.length > 0 ? new Set(values) : undefined;
}

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** The first index whose key is >= `value`; `list` sorted by `key`. */
export function lowerBound<T>(list: T[], value: number, key: (t: T) => number) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]) < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

export function decodeCursor(cursor: string): { id: string } {
  try {
    const [, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof id === 'string') {
      return { id };
    }
  } catch {
    // fall through
  }
  throw invalid('starting_after is not a valid cursor');
}

export function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function toMs(value: string | number): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new Error(`PagerDutyDouble: invalid time ${value}`);
  }
  // PagerDuty keeps whole seconds
  return Math.floor(ms / 1000) * 1000;
}

export function iso(ms: number): string {
  // whole seconds, as PagerDuty sends them: 2015-10-06T21:30:42Z
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorBody(status: number): unknown {
  if (status === 429) {
    return { error: { message: 'Rate Limit Exceeded', code: 2020 } };
  }
  if (status >= 500) {
    return { error: { message: 'Internal Server Error', code: 2000 } };
  }
  return { error: { message: `HTTP ${status}`, code: 2000 } };
}

/**
 * One page of an offset-paginated listing, in PagerDuty's shape:
 * `{ [key]: items, limit, offset, more, total }` (`total` only when asked).
 */
export function offsetPage<T>(
  key: string,
  matches: T[],
  page: { limit: number; offset: number; total: boolean },
  render: (item: T) => unknown,
): Record<string, unknown> {
  const { limit, offset, total } = page;
  return {
    [key]: matches.slice(offset, offset + limit).map(render),
    limit,
    offset,
    more: offset + limit < matches.length,
    total: total ? matches.length : null,
  };
}
