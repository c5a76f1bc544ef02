import { ScorecardSummary } from '@reliability-kit/backstage-plugin-reliability-common';
import { ScorecardResultsQuery } from '../../api';

/** The filters of the entities of a scorecard, kept in the URL query. */
export interface ScorecardFilters {
  owner?: string[];
  tier?: string[];
  /** Level ids; `none` is below the first level. */
  level?: string[];
  /** A check id. */
  failing?: string;
}

const LIST_FILTERS = ['owner', 'tier', 'level'] as const;

/** The level id of entities below the first level. */
export const NO_LEVEL = 'none';

/** Reads the selected scorecard and the filters from a URL query. */
export function readScorecardSearch(params: URLSearchParams): {
  scorecardId?: string;
  filters: ScorecardFilters;
} {
  const filters: ScorecardFilters = {};
  for (const name of LIST_FILTERS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) {
      filters[name] = values;
    }
  }
  const failing = params.get('failing');
  if (failing) {
    filters.failing = failing;
  }
  return { scorecardId: params.get('scorecard') || undefined, filters };
}

/**
 * Writes the selected scorecard and the filters into a URL query, keeping
 * other keys.
 */
export function writeScorecardSearch(
  params: URLSearchParams,
  scorecardId: string | undefined,
  filters: ScorecardFilters,
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('scorecard');
  if (scorecardId) {
    next.set('scorecard', scorecardId);
  }
  for (const name of LIST_FILTERS) {
    next.delete(name);
    for (const value of filters[name] ?? []) {
      next.append(name, value);
    }
  }
  next.delete('failing');
  if (filters.failing) {
    next.set('failing', filters.failing);
  }
  return next;
}

/** The API query of the filters. */
export function toResultsQuery(
  filters: ScorecardFilters,
): ScorecardResultsQuery {
  const query: ScorecardResultsQuery = {};
  for (const name of LIST_FILTERS) {
    if (filters[name]?.length) {
      query[name] = filters[name];
    }
  }
  if (filters.failing) {
    query.failing = filters.failing;
  }
  return query;
}

/** The title of a level id of a scorecard; `No level` for none. */
export function levelTitleOf(
  scorecard: ScorecardSummary,
  level: string | null,
): string {
  if (!level || level === NO_LEVEL) {
    return 'No level';
  }
  return scorecard.levels.find(l => l.id === level)?.title ?? level;
}

/** The checks of a scorecard, lowest level first, with their level. */
export function checksOf(scorecard: ScorecardSummary) {
  return scorecard.levels.flatMap(level =>
    level.checks.map(check => ({ ...check, level: level.id })),
  );
}

/** The level ids of a scorecard with `none` first, for charts and filters. */
export function levelKeysOf(scorecard: ScorecardSummary): string[] {
  return [NO_LEVEL, ...scorecard.levels.map(level => level.id)];
}

/** Colors of the levels, `none` first (grey), then lowest to highest. */
export const LEVEL_COLORS = [
  '#9e9e9e',
  '#cd7f32',
  '#90a4ae',
  '#f2b90f',
  '#1f77b4',
  '#2ca02c',
  '#9467bd',
];

export function levelColor(index: number): string {
  return LEVEL_COLORS[index % LEVEL_COLORS.length];
}
