import { computeSli, computeTimesliceSli, SliResult } from './computeSli';

/**
 * What a metrics provider measured for one SLO over one window, in raw form.
 *
 * - `events`: event counts (or per-second rates: the ratio is the same).
 * - `ratio`: an error ratio (recording rules, raw queries); `null` when there
 *   was no traffic (`NaN` from 0/0).
 * - `slices`: good time slices and slices with data (Timeslices SLOs).
 *
 * @public
 */
export type SloMeasurement =
  | { kind: 'events'; good: number; bad?: undefined; total: number }
  | { kind: 'events'; good?: undefined; bad: number; total: number }
  | { kind: 'ratio'; errorRatio: number | null }
  | { kind: 'slices'; good: number; withData: number };

/**
 * Turns a measurement into an SLI with the same guards as {@link computeSli}:
 * no traffic is `no-data`, unusable numbers are `invalid`.
 *
 * @public
 */
export function sliFromMeasurement(
  measurement: SloMeasurement | null | undefined,
): SliResult {
  if (!measurement) {
    return { state: 'no-data', reason: 'no measurement for this window' };
  }
  switch (measurement.kind) {
    case 'events':
      return measurement.good !== undefined
        ? computeSli({ good: measurement.good, total: measurement.total })
        : computeSli({ bad: measurement.bad, total: measurement.total });
    case 'slices':
      return computeTimesliceSli({
        goodSlices: measurement.good,
        slicesWithData: measurement.withData,
      });
    default:
      if (measurement.errorRatio === null) {
        return { state: 'no-data', reason: 'no traffic in the window' };
      }
      if (
        !Number.isFinite(measurement.errorRatio) ||
        measurement.errorRatio < -1e-9 ||
        measurement.errorRatio > 1 + 1e-9
      ) {
        return {
          state: 'invalid',
          reason: `error ratio must be between 0 and 1, got ${measurement.errorRatio}`,
        };
      }
      return computeSli({
        bad: Math.min(1, Math.max(0, measurement.errorRatio)),
        total: 1,
      });
  }
}
