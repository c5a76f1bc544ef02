export { PagedTableCard } from './PagedTableCard';
export type { PagedTableCardProps } from './PagedTableCard';
export { MultiSelectFilters } from './MultiSelectFilters';
export type {
  MultiSelectFilter,
  MultiSelectFiltersProps,
} from './MultiSelectFilters';
export { useCursorPages } from './useCursorPages';
export type { CursorPage, CursorPages } from './useCursorPages';
