import { PromNonFiniteValue } from './types';

/**
 * A value as Prometheus sends it (a string such as `"0.5"`, `"NaN"`, `"+Inf"`)
 * turned into a number, with non-finite values as `null` plus a flag.
 *
 * @public
 */
export interface ParsedPromValue {
  value: number | null;
  nonFinite?: PromNonFiniteValue;
}

/**
 * Parses a Prometheus sample value. `"NaN"`, `"+Inf"`, `"Inf"` and `"-Inf"`
 * become `{ value: null, nonFinite }`; other numeric strings become numbers.
 *
 * @returns undefined when the text is not a number at all.
 * @public
 */
export function parsePromValue(text: unknown): ParsedPromValue | undefined {
  if (typeof text === 'number') {
    return classify(text);
  }
  if (typeof text !== 'string') {
    return undefined;
  }
  switch (text.trim().toLowerCase()) {
    case 'nan':
      return { value: null, nonFinite: 'NaN' };
    case '+inf':
    case 'inf':
      return { value: null, nonFinite: '+Inf' };
    case '-inf':
      return { value: null, nonFinite: '-Inf' };
    default:
  }
  if (text.trim() === '') {
    return undefined;
  }
  const n = Number(text);
  if (Number.isNaN(n)) {
    return undefined;
  }
  return classify(n);
}

function classify(n: number): ParsedPromValue {
  if (Number.isNaN(n)) {
    return { value: null, nonFinite: 'NaN' };
  }
  if (n === Infinity) {
    return { value: null, nonFinite: '+Inf' };
  }
  if (n === -Infinity) {
    return { value: null, nonFinite: '-Inf' };
  }
  return { value: n };
}
