const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 24 * 60 * 60 * 1000],
  ['w', 7 * 24 * 60 * 60 * 1000],
  ['d', 24 * 60 * 60 * 1000],
  ['h', 60 * 60 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

// Prometheus duration syntax: one or more `<integer><unit>` parts, units from
// largest to smallest, each unit at most once, e.g. `1h30m`.
const DURATION =
  /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Parses a Prometheus / OpenSLO duration such as `5m`, `1h`, `28d`, `4w` or
 * `1h30m` to milliseconds. Units: `y` (365d), `w`, `d`, `h`, `m`, `s`, `ms`,
 * from largest to smallest. OpenSLO's calendar units `M`, `Q` and `Y` have no
 * fixed length and are rejected here.
 *
 * @throws Error when the input is empty, malformed, negative or zero.
 * @public
 */
export function parsePrometheusDuration(input: string): number {
  if (typeof input !== 'string' || input === '') {
    throw new Error('duration must not be empty (e.g. 5m, 1h, 28d)');
  }
  if (/^\d+[MQY]$/.test(input)) {
    throw new Error(
      `duration "${input}" uses a calendar unit (M, Q or Y) that has no fixed length; use days, e.g. 30d`,
    );
  }
  const match = DURATION.exec(input);
  if (!match) {
    throw new Error(
      `duration "${input}" is not valid; use a whole number and a unit (ms, s, m, h, d, w, y), e.g. 5m, 1h30m or 28d`,
    );
  }
  let total = 0;
  UNITS.forEach(([, unitMs], index) => {
    const part = match[index + 1];
    if (part !== undefined) {
      total += Number(part) * unitMs;
    }
  });
  if (!Number.isSafeInteger(total)) {
    throw new Error(`duration "${input}" is too long`);
  }
  if (total <= 0) {
    throw new Error(`duration "${input}" must be longer than zero`);
  }
  return total;
}

/**
 * Formats milliseconds as a compact Prometheus duration, e.g. `5400000` as
 * `1h30m` and `2592000000` as `30d`. Weeks and years are not used, so that
 * `28d` stays `28d`.
 *
 * @throws Error when `ms` is not a positive whole number.
 * @public
 */
export function formatPrometheusDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new Error(
      `duration must be a positive whole number of milliseconds, got ${ms}`,
    );
  }
  let rest = ms;
  let out = '';
  for (const [unit, unitMs] of UNITS) {
    if (unit === 'y' || unit === 'w') {
      continue;
    }
    const count = Math.floor(rest / unitMs);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * unitMs;
    }
  }
  return out;
}
