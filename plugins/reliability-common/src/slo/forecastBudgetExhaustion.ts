import { getSloWindowRange } from './getSloWindowRange';
import { toEpochMs } from './toEpochMs';
import { SloWindow } from './types';

/**
 * When the error budget runs out at the current burn rate.
 *
 * - `forecast`: it runs out at `exhaustsAt`, `msToExhaustion` from now.
 * - `exhausted`: nothing is left (remaining at or below 0).
 * - `never`: the burn rate is 0, or so low the date is out of range.
 * - `no-data`: remaining budget or burn rate unknown.
 *
 * `windowEnd` is the horizon: the end of the current calendar window, or
 * `now + W` for a rolling window. `beforeWindowEnd` is true when the budget
 * runs out (or has run out) before it.
 *
 * @public
 */
export interface BudgetExhaustionForecast {
  /** Whether and how the budget runs out. */
  status: 'forecast' | 'exhausted' | 'never' | 'no-data';
  /** When the budget runs out (ISO 8601); null if never. */
  exhaustsAt: string | null;
  /** Milliseconds until then; null if never. */
  msToExhaustion: number | null;
  /** The end of the SLO window (ISO 8601). */
  windowEnd: string;
  /** Whether the budget runs out before the window ends. */
  beforeWindowEnd: boolean;
}

// The largest time a Date can hold.
const MAX_DATE_MS = 8.64e15;

/**
 * Forecasts budget exhaustion at the current burn rate `b`, assuming steady
 * traffic. Pick the burn-rate window that suits the question (e.g. 1h for
 * "now", 1d for a steadier trend).
 *
 * - Rolling window `W`: the budget is spent at `b / W` per unit of time, so
 *   `remaining` lasts `remaining x W / b`. (Errors that leave the window are
 *   not credited back, so the forecast errs on the early side.)
 * - Calendar window: the budget is measured over the `T` elapsed so far,
 *   and every future event joins that measurement. Budget consumed is the
 *   window's error ratio over the allowed one, so it reaches 1 only when
 *   errors keep arriving faster than allowed: after `T x remaining / (b - 1)`
 *   for `b > 1`, and never for `b <= 1`.
 *
 * @throws Error for an invalid `now` or time zone.
 * @public
 */
export function forecastBudgetExhaustion(input: {
  /** Remaining budget fraction, e.g. 0.5; `null` when unknown. */
  remaining: number | null | undefined;
  /** Current burn rate; `null` when unknown. */
  burnRate: number | null | undefined;
  window: SloWindow;
  now: Date | string;
  /** Fallback zone for calendar windows without one; default UTC. */
  timeZone?: string;
}): BudgetExhaustionForecast {
  const nowMs = toEpochMs(input.now, 'now');
  const range = getSloWindowRange(input.window, input.now, input.timeZone);
  const horizonMs =
    input.window.kind === 'rolling'
      ? nowMs + range.durationMs
      : range.end.getTime();
  const windowEnd = new Date(horizonMs).toISOString();
  const { remaining, burnRate } = input;

  if (typeof remaining !== 'number' || !Number.isFinite(remaining)) {
    return noForecast('no-data', windowEnd);
  }
  if (remaining <= 0) {
    return {
      status: 'exhausted',
      exhaustsAt: null,
      msToExhaustion: 0,
      windowEnd,
      beforeWindowEnd: true,
    };
  }
  if (typeof burnRate !== 'number' || !Number.isFinite(burnRate)) {
    return noForecast('no-data', windowEnd);
  }
  if (burnRate <= 0) {
    return noForecast('never', windowEnd);
  }
  let msToExhaustion: number;
  if (input.window.kind === 'rolling') {
    msToExhaustion = (remaining * range.durationMs) / burnRate;
  } else {
    const elapsedMs = nowMs - range.start.getTime();
    if (burnRate <= 1 || elapsedMs <= 0) {
      return noForecast('never', windowEnd);
    }
    msToExhaustion = (elapsedMs * remaining) / (burnRate - 1);
  }
  const atMs = nowMs + msToExhaustion;
  if (!Number.isFinite(atMs) || atMs > MAX_DATE_MS) {
    return noForecast('never', windowEnd);
  }
  return {
    status: 'forecast',
    exhaustsAt: new Date(atMs).toISOString(),
    msToExhaustion,
    windowEnd,
    beforeWindowEnd: atMs < horizonMs,
  };
}

function noForecast(
  status: 'never' | 'no-data',
  windowEnd: string,
): BudgetExhaustionForecast {
  return {
    status,
    exhaustsAt: null,
    msToExhaustion: null,
    windowEnd,
    beforeWindowEnd: false,
  };
}
