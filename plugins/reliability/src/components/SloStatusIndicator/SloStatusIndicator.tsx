import { EntitySloStatus } from '@reliability-kit/backstage-plugin-reliability-common';
import { StateTone, ToneLabel } from '../StateIndicator';
import { formatSloStatus } from '../format';

/**
 * Props of {@link SloStatusIndicator}.
 *
 * @public
 */
export interface SloStatusIndicatorProps {
  /** The status to show. */
  status: EntitySloStatus;
  /** Test id of the status text. */
  'data-testid'?: string;
}

const SLO_STATUS_TONES: Partial<Record<EntitySloStatus, StateTone>> = {
  breaching: 'error',
  'at-risk': 'warning',
  healthy: 'ok',
};

/**
 * The status of an SLO (or the worst of an entity's SLOs) as a status icon
 * and its text: breaching is an error, at risk a warning, healthy ok, no data
 * pending.
 *
 * @public
 */
export function SloStatusIndicator(props: SloStatusIndicatorProps) {
  const { status } = props;
  // The icon is hidden from assistive technology; the text is not.
  return (
    <ToneLabel
      tone={SLO_STATUS_TONES[status] ?? 'pending'}
      label={formatSloStatus(status)}
      textAttributes={{
        'data-testid': props['data-testid'],
        'data-status': status,
      }}
    />
  );
}
