import Tooltip from '@material-ui/core/Tooltip';
import { NO_VALUE } from '../format';

/**
 * Props of {@link MissingValue}.
 *
 * @public
 */
export interface MissingValueProps {
  /** Why there is no value, e.g. `No traffic in the window`. */
  reason?: string;
  'data-testid'?: string;
}

/**
 * A dash standing for a number that does not exist, with the reason in a
 * tooltip.
 *
 * @public
 */
export function MissingValue(props: MissingValueProps) {
  const reason = props.reason || 'No data';
  return (
    <Tooltip title={reason}>
      <span aria-label={reason} data-testid={props['data-testid']}>
        {NO_VALUE}
      </span>
    </Tooltip>
  );
}
