import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ReliabilityApi, reliabilityApiRef } from '../../api';

/** A page of a list the backend pages with cursors. */
export interface CursorPage<TItem> {
  items: TItem[];
  totalCount: number;
  /** The cursor of the next page; none on the last page. */
  nextCursor?: string;
}

/** The page shown of a list paged with cursors, and how to walk the pages. */
export interface CursorPages<TItem> {
  value?: CursorPage<TItem>;
  loading: boolean;
  error?: Error;
  /** 1 for the first page. */
  pageNumber: number;
  /** Whether there is a page before this one. */
  hasPrevious: boolean;
  previous: () => void;
  next: () => void;
}

/**
 * Loads a list the backend pages with cursors, one page at a time. The
 * cursors of the pages shown so far are kept for "previous"; they are reset
 * when `queryKey` (the query without the cursor, as a string) changes.
 */
export function useCursorPages<TItem>(
  queryKey: string,
  fetchPage: (
    api: ReliabilityApi,
    cursor: string | undefined,
  ) => Promise<CursorPage<TItem>>,
): CursorPages<TItem> {
  const api = useApi(reliabilityApiRef);
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({
    key: queryKey,
    cursors: [],
  });
  const cursors = pages.key === queryKey ? pages.cursors : [];
  const cursor = cursors[cursors.length - 1];

  const { value, loading, error } = useAsync(
    () => fetchPage(api, cursor),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, cursor],
  );

  return {
    value,
    loading,
    error,
    pageNumber: cursors.length + 1,
    hasPrevious: cursors.length > 0,
    previous: () => setPages({ key: queryKey, cursors: cursors.slice(0, -1) }),
    next: () => {
      if (value?.nextCursor) {
        setPages({ key: queryKey, cursors: [...cursors, value.nextCursor] });
      }
    },
  };
}
