import { ScorecardFilter } from './types';

/**
 * The kinds a scorecard applies to when its filter names none.
 *
 * @public
 */
export const DEFAULT_SCORECARD_KINDS: readonly string[] = ['component'];

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

function matches(
  allowed: readonly string[] | undefined,
  value: string | null | undefined,
  compare: (v: string) => string,
): boolean {
  if (!allowed || allowed.length === 0) {
    return true;
  }
  if (value === null || value === undefined) {
    return false;
  }
  const wanted = compare(value);
  return allowed.some(a => compare(a) === wanted);
}

/**
 * Whether a scorecard applies to an entity: every list the filter gives
 * must contain the entity's value (an empty or absent list matches all,
 * except `kind`, which defaults to `component`). Kinds, types and owner
 * refs are compared case-insensitively, tiers exactly.
 *
 * @public
 */
export function scorecardAppliesTo(
  filter: ScorecardFilter,
  entity: {
    kind: string;
    type?: string | null;
    tier: string | null;
    ownerRef: string | null;
  },
): boolean {
  const kinds = filter.kind?.length ? filter.kind : DEFAULT_SCORECARD_KINDS;
  return (
    matches(kinds, entity.kind, lower) &&
    matches(filter.type, entity.type, lower) &&
    matches(filter.tier, entity.tier, v => v) &&
    matches(filter.owner, entity.ownerRef, lower)
  );
}
