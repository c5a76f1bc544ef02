/**
 * Splits `items` into consecutive parts of `size` items (the last one may
 * be shorter), in order; no parts for no items.
 *
 * @throws RangeError when `size` is not a positive integer (a size of 0
 * would never end).
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  }
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
