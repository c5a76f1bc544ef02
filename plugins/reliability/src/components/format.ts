import {
  BudgetExhaustionForecast,
  DEFAULT_TIERS,
  EntityProblem,
  EntitySloStatus,
  SloHistoryEntry,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * Shown instead of a number that does not exist (no traffic, no data). Never
 * `NaN`, `Infinity` or a made-up `100%`.
 */
export const NO_VALUE = '–';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Widest precision percentages are shown with. */
const MAX_PERCENT_DECIMALS = 6;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

// Removes binary noise such as 99.89999999999999 (0.999 * 100) without
// changing the value meaningfully.
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * The number of decimals a fraction needs to be shown exactly as a
 * percentage, e.g. 1 for 0.999 (99.9%), 4 for 0.999995 (99.9995%); at most
 * 6.
 */
export function getPercentDecimals(fraction: number): number {
  if (!isFiniteNumber(fraction)) {
    return 0;
  }
  const percent = clean(fraction * 100);
  for (let decimals = 0; decimals < MAX_PERCENT_DECIMALS; decimals++) {
    if (clean(Number(percent.toFixed(decimals))) === percent) {
      return decimals;
    }
  }
  return MAX_PERCENT_DECIMALS;
}

/**
 * Formats a fraction as a percentage for SLIs and objectives: cut (never
 * rounded up) to `decimals` decimals (default 3), trailing zeros removed.
 * 0.9995 is `99.95%`, 0.999 is `99.9%`. A value cut just below 100% is shown
 * as `>99.999%`, so that 0.999996 never reads `100%`; only 1 is `100%`.
 * `null` is {@link NO_VALUE}.
 */
export function formatPercent(
  fraction: number | null | undefined,
  options?: { decimals?: number },
): string {
  if (!isFiniteNumber(fraction)) {
    return NO_VALUE;
  }
  const decimals = Math.min(
    Math.max(Math.trunc(options?.decimals ?? 3), 0),
    MAX_PERCENT_DECIMALS,
  );
  const percent = clean(fraction * 100);
  const factor = 10 ** decimals;
  const cut = Math.trunc(clean(percent * factor)) / factor;
  const text = trimZeros(cut.toFixed(decimals));
  if (cut !== percent && percent > 0 && percent < 100) {
    const top = 100 - 1 / factor;
    if (clean(cut) >= clean(top)) {
      return `>${text}%`;
    }
  }
  return `${text}%`;
}

/**
 * Formats an objective as a percentage with all its decimals (at least up to
 * 3), e.g. `99.9%`, `99.95%`, `99.9995%`.
 */
export function formatObjective(objective: number | null | undefined): string {
  if (!isFiniteNumber(objective)) {
    return NO_VALUE;
  }
  return formatPercent(objective, {
    decimals: Math.max(3, getPercentDecimals(objective)),
  });
}

/**
 * Formats an SLI (attainment) with at least the precision of its objective,
 * so that an SLI just below the objective never reads the same as it:
 * 0.99899 against 0.999 is `99.898%`, not `99.9%`.
 */
export function formatSli(
  sli: number | null | undefined,
  objective?: number,
): string {
  const decimals = isFiniteNumber(objective)
    ? Math.max(3, getPercentDecimals(objective))
    : 3;
  return formatPercent(sli, { decimals });
}

/**
 * Formats a remaining error budget with one decimal, never showing more
 * budget than there is: the value is cut downwards (0.42156 is `42.1%`,
 * 0.99996 is `99.9%`), a budget left that is above 0 but below 0.1% is
 * `<0.1%` (never `0.0%` on an SLO that is not spent), and an overspent
 * budget is negative, e.g. `-250.0%` (a tiny overspend is `-0.1%`).
 */
export function formatBudget(fraction: number | null | undefined): string {
  if (!isFiniteNumber(fraction)) {
    return NO_VALUE;
  }
  const tenths = Math.floor(clean(fraction * 1000));
  if (tenths === 0 && fraction > 0) {
    return '<0.1%';
  }
  const text = (tenths / 10).toLocaleString('en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${text}%`;
}

/**
 * Formats an error ratio as a percentage with 3 significant digits, e.g.
 * `0.123%`, `5%`; a ratio just below 1 is `>99.9%`, never `100%`.
 */
export function formatErrorRatio(ratio: number | null | undefined): string {
  if (!isFiniteNumber(ratio)) {
    return NO_VALUE;
  }
  const percent = clean(ratio * 100);
  if (percent === 0) {
    return '0%';
  }
  const text = Number(percent.toPrecision(3)).toLocaleString('en-US', {
    maximumFractionDigits: 20,
  });
  if (text === '100' && percent < 100) {
    return '>99.9%';
  }
  return `${text}%`;
}

/**
 * Formats a burn rate, e.g. `14.4×`, `0.93×`, `1,000×`.
 */
export function formatBurnRate(rate: number | null | undefined): string {
  if (!isFiniteNumber(rate)) {
    return NO_VALUE;
  }
  const abs = Math.abs(rate);
  let digits = 0;
  if (abs < 100) {
    digits = 2;
  } else if (abs < 1000) {
    digits = 1;
  }
  return `${clean(rate).toLocaleString('en-US', {
    maximumFractionDigits: digits,
  })}×`;
}

/**
 * Formats a duration with its two largest units, cut (not rounded), e.g.
 * `3 d 4 h`, `2 h 5 min`, `12 min`, `<1 min`.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (!isFiniteNumber(ms) || ms < 0) {
    return NO_VALUE;
  }
  if (ms < MINUTE_MS) {
    return '<1 min';
  }
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) {
    return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return `${minutes} min`;
}

function toMs(time: string | Date | null | undefined): number | undefined {
  if (time === null || time === undefined) {
    return undefined;
  }
  const ms = time instanceof Date ? time.getTime() : Date.parse(time);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The time from `now` to `time` (negative when it is past). */
function msUntil(
  time: string | Date | null | undefined,
  now: Date,
): number | undefined {
  const ms = toMs(time);
  return ms === undefined ? undefined : ms - now.getTime();
}

/** The date of {@link formatDate} and {@link formatDateTime}, e.g. `Mar 3, 2026`. */
const DATE_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
};

/** A time as a `Date`; undefined when there is none or it is no valid time. */
function toDate(time: string | Date | null | undefined): Date | undefined {
  const ms = toMs(time);
  return ms === undefined ? undefined : new Date(ms);
}

/**
 * Formats a time relative to `now` with its largest unit, e.g. `just now`,
 * `5 min ago`, `2 h ago`, `3 d ago`, `in 2 h`.
 */
export function formatRelativeTime(
  time: string | Date | null | undefined,
  now: Date = new Date(),
): string {
  const until = msUntil(time, now);
  if (until === undefined) {
    return NO_VALUE;
  }
  const abs = Math.abs(until);
  if (abs < MINUTE_MS) {
    return 'just now';
  }
  let text: string;
  if (abs < HOUR_MS) {
    text = `${Math.floor(abs / MINUTE_MS)} min`;
  } else if (abs < DAY_MS) {
    text = `${Math.floor(abs / HOUR_MS)} h`;
  } else {
    text = `${Math.floor(abs / DAY_MS)} d`;
  }
  return until < 0 ? `${text} ago` : `in ${text}`;
}

/**
 * Formats the budget exhaustion forecast as a sentence: `Budget exhausted`,
 * `Runs out in 3 d 4 h (before the window ends)`, `Not running out at the
 * current rate`, or {@link NO_VALUE} when there is no data.
 */
export function formatForecast(
  forecast: BudgetExhaustionForecast | undefined,
  now: Date = new Date(),
): string {
  switch (forecast?.status) {
    case 'exhausted':
      return 'Budget exhausted';
    case 'never':
      return 'Not running out at the current rate';
    case 'forecast': {
      const at = toMs(forecast.exhaustsAt);
      const ms =
        at !== undefined ? at - now.getTime() : forecast.msToExhaustion;
      if (!isFiniteNumber(ms)) {
        return NO_VALUE;
      }
      const when =
        ms <= 0 ? 'Runs out now' : `Runs out in ${formatDuration(ms)}`;
      return forecast.beforeWindowEnd
        ? `${when} (before the window ends)`
        : `${when} (after the window ends)`;
    }
    default:
      return NO_VALUE;
  }
}

/**
 * The label of an SLO status, e.g. `Breaching`, `At risk`, `No data`.
 */
export function formatSloStatus(status: EntitySloStatus): string {
  switch (status) {
    case 'breaching':
      return 'Breaching';
    case 'at-risk':
      return 'At risk';
    case 'healthy':
      return 'Healthy';
    case 'no-data':
      return 'No data';
    case 'no-slo':
      return 'No SLOs';
    default:
      return String(status);
  }
}

/**
 * Formats the day of a history point for a chart axis, e.g. `Jan 5`.
 */
export function formatDay(time: SloHistoryEntry['at'] | number): string {
  const ms = typeof time === 'number' ? time : toMs(time);
  if (ms === undefined || !Number.isFinite(ms)) {
    return NO_VALUE;
  }
  return new Date(ms).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
  });
}

/**
 * Formats a problem with its place, e.g. `slos.yaml:12: objective must be
 * below 1`; a message that already starts with its place is kept as is.
 */
export function formatProblem(problem: EntityProblem): string {
  const { file, line, message } = problem;
  if (!file) {
    return line ? `line ${line}: ${message}` : message;
  }
  const where = line ? `${file}:${line}` : file;
  return message.startsWith(where) ? message : `${where}: ${message}`;
}

const SECOND_MS = 1000;

const RESPONSE_TIME_UNITS: Array<[number, string]> = [
  [DAY_MS, 'd'],
  [HOUR_MS, 'h'],
  [MINUTE_MS, 'm'],
  [SECOND_MS, 's'],
];

/**
 * Formats a response time (MTTA, MTTR) with its two largest units down to
 * seconds, cut (not rounded), e.g. `45 s`, `4 m 30 s`, `2 h 5 m`, `3 d 4 h`;
 * `0 s` for zero and `<1 s` below a second.
 */
export function formatResponseTime(ms: number | null | undefined): string {
  if (!isFiniteNumber(ms) || ms < 0) {
    return NO_VALUE;
  }
  if (ms === 0) {
    return '0 s';
  }
  if (ms < SECOND_MS) {
    return '<1 s';
  }
  const index = RESPONSE_TIME_UNITS.findIndex(([size]) => ms >= size);
  const [size, unit] = RESPONSE_TIME_UNITS[index];
  const value = Math.floor(ms / size);
  const next = RESPONSE_TIME_UNITS[index + 1];
  if (!next) {
    return `${value} ${unit}`;
  }
  const rest = Math.floor((ms % size) / next[0]);
  return rest > 0 ? `${value} ${unit} ${rest} ${next[1]}` : `${value} ${unit}`;
}

/**
 * Formats a count or a rate with at most one decimal, e.g. `12`, `1,204`,
 * `2.3`; a positive value below 0.05 is `<0.1`, never a made-up `0`.
 */
export function formatNumber(value: number | null | undefined): string {
  if (!isFiniteNumber(value)) {
    return NO_VALUE;
  }
  if (value !== 0 && Math.abs(value) < 0.05) {
    return value > 0 ? '<0.1' : '>-0.1';
  }
  return clean(value).toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/**
 * Formats a number of hours with at most one decimal, e.g. `12.5 h`, `0 h`,
 * `<0.1 h`.
 */
export function formatHours(hours: number | null | undefined): string {
  const text = formatNumber(hours);
  return text === NO_VALUE ? NO_VALUE : `${text} h`;
}

/**
 * Formats a share (0 to 1) as a percentage with one decimal, cut, e.g.
 * `12.5%`, `75%`; only 1 is `100%`.
 */
export function formatShare(fraction: number | null | undefined): string {
  return formatPercent(fraction, { decimals: 1 });
}

/**
 * Formats a calendar date `YYYY-MM-DD` (a day in the team's time zone) for
 * a chart axis, e.g. `Jan 5`, independent of the browser's time zone.
 */
export function formatCalendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(date));
  if (!match) {
    return NO_VALUE;
  }
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (!Number.isFinite(ms)) {
    return NO_VALUE;
  }
  return new Date(ms).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * Formats a time as an absolute date and time in the browser's time zone,
 * e.g. `Jan 5, 2026, 14:03`.
 */
export function formatDateTime(time: string | Date | null | undefined): string {
  const date = toDate(time);
  return date
    ? date.toLocaleString('en-US', {
        ...DATE_OPTIONS,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
    : NO_VALUE;
}

/**
 * The message of an error to show to users: for a backend error response
 * (`ResponseError`) the server's message, e.g. `You may not change the toil
 * of component:default/checkout`, rather than `Request failed with 403`.
 */
export function formatErrorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as {
      message?: unknown;
      cause?: { message?: unknown };
      body?: { error?: { message?: unknown } };
    };
    for (const candidate of [
      e.body?.error?.message,
      e.cause?.message,
      e.message,
    ]) {
      if (typeof candidate === 'string' && candidate.trim() !== '') {
        return candidate;
      }
    }
  }
  return typeof error === 'string' && error ? error : 'Unknown error';
}

/**
 * The short form of an entity reference for people, e.g. `ada` for
 * `user:default/ada`, `team-a` for `group:default/team-a`; references in
 * another namespace keep it (`ops/team-a`).
 */
export function formatEntityRefShort(ref: string | null | undefined): string {
  if (!ref) {
    return NO_VALUE;
  }
  const match = /^(?:[^:/]+:)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) {
    return ref;
  }
  const [, namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}

/**
 * The title of a tier id, e.g. `Tier 1` for `tier-1`; an unknown id as is,
 * and `No tier` without one.
 */
export function tierTitle(id: string | null | undefined): string {
  if (!id) {
    return 'No tier';
  }
  return DEFAULT_TIERS.find(tier => tier.id === id)?.title ?? id;
}

/**
 * Formats a calendar date or time as a date, e.g. `Mar 3, 2026`.
 */
export function formatDate(time: string | Date | null | undefined): string {
  const date = toDate(time);
  return date ? date.toLocaleDateString('en-US', DATE_OPTIONS) : NO_VALUE;
}

/**
 * When something expires, relative to `now`: `expires in 9 days`,
 * `expires in 5 h`, `expires today`... or `expired on Mar 3, 2026`.
 */
export function formatExpiry(
  time: string | Date | null | undefined,
  now: Date = new Date(),
): string {
  const diff = msUntil(time, now);
  if (diff === undefined) {
    return NO_VALUE;
  }
  if (diff <= 0) {
    return `expired on ${formatDate(time)}`;
  }
  if (diff < DAY_MS) {
    return `expires in ${formatDuration(diff)}`;
  }
  const days = Math.floor(diff / DAY_MS);
  return `expires in ${days} ${days === 1 ? 'day' : 'days'}`;
}
