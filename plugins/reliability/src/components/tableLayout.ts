import type { CSSProperties } from 'react';

/**
 * Table header cells that wrap between words only (never "Ti / e / r"),
 * bottom-aligned so that two-line headers share the baseline of one-line
 * ones. Used by every table of the plugin's pages.
 */
export const FIT_HEADER: CSSProperties = {
  wordBreak: 'keep-all',
  overflowWrap: 'normal',
  hyphens: 'manual',
  verticalAlign: 'bottom',
};

/** Body cells whose words stay whole (names, statuses). */
export const WHOLE_WORDS: CSSProperties = {
  wordBreak: 'normal',
  overflowWrap: 'normal',
};

/**
 * The characters of the longest line of `title` set on at most two lines,
 * broken between words where that line is shortest.
 */
export function twoLineChars(title: string): number {
  const words = title.trim().split(/\s+/);
  let best = words.join(' ').length;
  for (let i = 1; i < words.length; i++) {
    const first = words.slice(0, i).join(' ').length;
    const second = words.slice(i).join(' ').length;
    best = Math.min(best, Math.max(first, second));
  }
  return best;
}

/** Widest letter of a header, px: Backstage `Table` (upper case, spaced). */
const UPPER_CASE_LETTER_PX = 11.5;
/** Widest letter of a header, px: a Material UI `TableCell` (medium, 14 px). */
const LETTER_PX = 8.5;

/**
 * The least width in pixels of the header cell of a column titled `title`:
 * the title on two lines next to a sort arrow, with the cell's padding.
 */
export function headerMinWidth(title: string, upperCase = true): number {
  const letter = upperCase ? UPPER_CASE_LETTER_PX : LETTER_PX;
  return Math.ceil(twoLineChars(title) * letter) + 56;
}

/**
 * The `style` of the header `TableCell` of a column titled `title`:
 * {@link FIT_HEADER}, wide enough for two lines (in the theme's case).
 */
export function fitHeader(title: string): CSSProperties {
  return { ...FIT_HEADER, minWidth: headerMinWidth(title, false) };
}

/**
 * Backstage `Table` columns that read well: headers fit ({@link
 * FIT_HEADER}, at least {@link headerMinWidth} wide; `Table` takes the
 * least width as `minWidth`), text cells keep their words whole and figures
 * stay on one line.
 */
export function fitColumns<T extends { title?: unknown; type?: string }>(
  columns: T[],
): Array<
  T & { headerStyle: CSSProperties; cellStyle: CSSProperties; minWidth: number }
> {
  return columns.map(column => ({
    ...column,
    headerStyle: FIT_HEADER,
    cellStyle:
      column.type === 'numeric' ? { whiteSpace: 'nowrap' } : WHOLE_WORDS,
    minWidth: headerMinWidth(String(column.title ?? '')),
  }));
}
