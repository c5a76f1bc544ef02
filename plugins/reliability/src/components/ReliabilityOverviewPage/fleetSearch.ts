import {
  FLEET_SORT_KEYS,
  FleetReadiness,
  FleetSortKey,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { FleetQuery, FleetSort } from '../../api';

/** The filters of the fleet table, kept in the URL query. */
export const FLEET_FILTER_NAMES = [
  'tier',
  'sloStatus',
  'owner',
  'system',
  'readiness',
  'policyState',
  'campaign',
] as const;

export type FleetFilterName = (typeof FLEET_FILTER_NAMES)[number];

export type FleetFilters = Partial<Record<FleetFilterName, string[]>>;

export const READINESS_VALUES: FleetReadiness[] = [
  'ready',
  'not-ready',
  'expiring',
  'exempt',
  'unknown',
];

/**
 * The policy states offered by the fleet filter: the example policy's
 * (app-config.yaml), and `none` for entities without a state.
 */
export const POLICY_STATE_VALUES = [
  'ok',
  'warning',
  'exhausted',
  'frozen',
  'none',
];

/** Reads the fleet filters and sort from a URL query. */
export function readFleetSearch(params: URLSearchParams): {
  filters: FleetFilters;
  sort?: FleetSort;
} {
  const filters: FleetFilters = {};
  for (const name of FLEET_FILTER_NAMES) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) {
      filters[name] = values;
    }
  }
  const raw = params.get('sort') ?? '';
  const key = raw.replace(/^-/, '') as FleetSortKey;
  const sort: FleetSort | undefined = FLEET_SORT_KEYS.includes(key)
    ? { key, direction: raw.startsWith('-') ? 'desc' : 'asc' }
    : undefined;
  return { filters, sort };
}

/** Writes the fleet filters and sort into a URL query, keeping other keys. */
export function writeFleetSearch(
  params: URLSearchParams,
  filters: FleetFilters,
  sort: FleetSort | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FLEET_FILTER_NAMES) {
    next.delete(name);
    for (const value of filters[name] ?? []) {
      next.append(name, value);
    }
  }
  next.delete('sort');
  if (sort) {
    next.set('sort', `${sort.direction === 'desc' ? '-' : ''}${sort.key}`);
  }
  return next;
}

/** The API query of the filters and sort. */
export function toFleetQuery(
  filters: FleetFilters,
  sort: FleetSort | undefined,
): FleetQuery {
  const { campaign, ...lists } = filters;
  return {
    ...lists,
    readiness: filters.readiness as FleetReadiness[] | undefined,
    // One campaign at a time: the entities not done for it.
    ...(campaign?.length ? { campaign: campaign[0] } : {}),
    sort,
  };
}
