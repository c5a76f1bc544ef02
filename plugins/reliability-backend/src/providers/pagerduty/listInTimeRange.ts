import {
  PAGERDUTY_MAX_OFFSET_PLUS_LIMIT,
  PAGERDUTY_PAGE_LIMIT,
  PagerDutyClient,
  PagerDutyQuery,
  PagerDutyRequestOptions,
} from './PagerDutyClient';

/**
 * Options of {@link listInTimeRange}.
 *
 * @public
 */
export interface ListInTimeRangeOptions extends PagerDutyRequestOptions {
  /**
   * The longest range one listing may ask for; longer ranges are split
   * first. Default unlimited. `/incidents` allows at most 6 months.
   */
  maxRangeMs?: number;
  /**
   * Ask for `total=true` on the first page of each range, so that a range
   * holding more than 10,000 items is split before it is paged through.
   * Default true.
   */
  askTotal?: boolean;
  /** Called with the time range of each listing that was split. */
  onSplit?: (sinceMs: number, untilMs: number, reason: 'total' | 'cap') => void;
}

/** Items one range may hold before it is split (below the 10,000 cap). */
const TARGET_ITEMS_PER_RANGE = 8_000;
/**
 * The longest range of one `/incidents` listing: 180 days, under
 * PagerDuty's limit of 6 months.
 *
 * @public
 */
export const PAGERDUTY_MAX_INCIDENT_RANGE_MS = 180 * 24 * 60 * 60 * 1000;

/**
 * Lists every item of an offset-paginated, time-filtered PagerDuty listing
 * (`since`/`until`) in `[sinceMs, untilMs)`, working around the cap of
 * 10,000 items per listing (`offset + limit`).
 *
 * @remarks
 *
 * Ranges longer than `maxRangeMs` are split first. The first page of each
 * range asks for `total`; a range holding more than 8,000 items is split
 * into parts of about 8,000 before paging. Should a range still reach
 * offset 9,900 with `more: true` (e.g. `total` is `null`), it is split in
 * halves and each half listed again. Items of adjoining ranges may repeat
 * (on-calls overlapping both halves); callers dedupe by id.
 *
 * @throws Error when more than 10,000 items share one second, plus the
 * errors of {@link PagerDutyClient.getPage}.
 * @public
 */
export async function listInTimeRange<T>(
  client: PagerDutyClient,
  path: string,
  key: string,
  query: PagerDutyQuery,
  sinceMs: number,
  untilMs: number,
  options: ListInTimeRangeOptions = {},
): Promise<T[]> {
  const out: T[] = [];
  const maxRangeMs = options.maxRangeMs ?? Infinity;
  for (let start = sinceMs; start < untilMs; ) {
    const end = Math.min(untilMs, start + maxRangeMs);
    await listRange<T>(client, path, key, query, start, end, options, out);
    start = end;
  }
  return out;
}

async function listRange<T>(
  client: PagerDutyClient,
  path: string,
  key: string,
  query: PagerDutyQuery,
  sinceMs: number,
  untilMs: number,
  options: ListInTimeRangeOptions,
  out: T[],
): Promise<void> {
  const rangeQuery = {
    ...query,
    since: new Date(sinceMs).toISOString(),
    until: new Date(untilMs).toISOString(),
  };
  const first = await client.getPage<T>(path, key, rangeQuery, 0, {
    ...options,
    total: options.askTotal ?? true,
  });
  if (first.total !== null && first.total > PAGERDUTY_MAX_OFFSET_PLUS_LIMIT) {
    const parts = Math.max(2, Math.ceil(first.total / TARGET_ITEMS_PER_RANGE));
    options.onSplit?.(sinceMs, untilMs, 'total');
    await listParts(
      client,
      path,
      key,
      query,
      sinceMs,
      untilMs,
      parts,
      options,
      out,
    );
    return;
  }
  const items: T[] = [...first.items];
  let page = first;
  while (page.more && page.items.length > 0) {
    const offset = page.offset + PAGERDUTY_PAGE_LIMIT;
    if (offset + PAGERDUTY_PAGE_LIMIT > PAGERDUTY_MAX_OFFSET_PLUS_LIMIT) {
      // reached offset 9,900 and there is more: split and list again
      options.onSplit?.(sinceMs, untilMs, 'cap');
      await listParts(
        client,
        path,
        key,
        query,
        sinceMs,
        untilMs,
        2,
        options,
        out,
      );
      return;
    }
    page = await client.getPage<T>(path, key, rangeQuery, offset, options);
    items.push(...page.items);
  }
  for (const item of items) {
    out.push(item);
  }
}

async function listParts<T>(
  client: PagerDutyClient,
  path: string,
  key: string,
  query: PagerDutyQuery,
  sinceMs: number,
  untilMs: number,
  parts: number,
  options: ListInTimeRangeOptions,
  out: T[],
): Promise<void> {
  // whole seconds: PagerDuty's timestamps have no fractions
  const step = Math.floor((untilMs - sinceMs) / parts / 1000) * 1000;
  if (step < 1000) {
    throw new Error(
      `PagerDuty account "${client.name}" lists more than ${PAGERDUTY_MAX_OFFSET_PLUS_LIMIT} items on GET ${path} within one second; they cannot be paged through`,
    );
  }
  for (let i = 0; i < parts; i++) {
    const start = sinceMs + i * step;
    const end = i === parts - 1 ? untilMs : start + step;
    await listRange(client, path, key, query, start, end, options, out);
  }
}
