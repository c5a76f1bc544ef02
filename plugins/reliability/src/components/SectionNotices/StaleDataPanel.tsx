import { WarningPanel } from '@backstage/core-components';
import { formatRelativeTime } from '../format';

/** Props of {@link StaleDataPanel}. */
export interface StaleDataPanelProps {
  title: string;
  /** When the data was last updated. */
  computedAt?: string | null;
  /** Why the data is stale. */
  staleReason?: string | null;
  /**
   * Said instead of "Last updated …" without `computedAt`, e.g.
   * `Never updated`; by default "Last updated –".
   */
  neverUpdatedText?: string;
}

/** A warning that data is stale: when it was last updated, and why. */
export function StaleDataPanel(props: StaleDataPanelProps) {
  const { computedAt, staleReason, neverUpdatedText } = props;
  let updated = `Last updated ${formatRelativeTime(computedAt)}`;
  if (neverUpdatedText !== undefined && !computedAt) {
    updated = neverUpdatedText;
  }
  return (
    <WarningPanel
      severity="warning"
      title={props.title}
      defaultExpanded
      message={`${updated}${staleReason ? `: ${staleReason}` : ''}`}
    />
  );
}
