/**
 * Code-unit order of two keys, null last: the order the fleet table's and
 * the scorecards' keyset listings and group summaries share.
 */
export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
