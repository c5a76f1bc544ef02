/**
 * The windows alert quality is reported over.
 *
 * @public
 */
export const ALERT_QUALITY_WINDOWS = ['7d', '28d', '90d'] as const;

/**
 * An alert quality window: the last 7, 28 or 90 days.
 *
 * @public
 */
export type AlertQualityWindow = (typeof ALERT_QUALITY_WINDOWS)[number];

const WINDOW_DAYS: Record<AlertQualityWindow, number> = {
  '7d': 7,
  '28d': 28,
  '90d': 90,
};

/**
 * Reads an alert quality window (`7d`, `28d` or `90d`), e.g. from a query
 * parameter. Surrounding whitespace is ignored; anything else throws an error
 * that names the value and the valid windows.
 *
 * @public
 */
export function parseAlertQualityWindow(value: unknown): AlertQualityWindow {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if ((ALERT_QUALITY_WINDOWS as readonly string[]).includes(trimmed)) {
      return trimmed as AlertQualityWindow;
    }
  }
  const got =
    typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`;
  throw new Error(
    `Invalid alert quality window: expected one of ${ALERT_QUALITY_WINDOWS.join(
      ', ',
    )}, got ${got}`,
  );
}

/**
 * The number of days of an alert quality window.
 *
 * @public
 */
export function alertQualityWindowDays(window: AlertQualityWindow): number {
  return WINDOW_DAYS[parseAlertQualityWindow(window)];
}
