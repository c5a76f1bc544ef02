import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { EntitySloStatus } from '@reliability-kit/backstage-plugin-reliability-common';
import { makeStyles } from '@material-ui/core/styles';
import { formatSloStatus } from '../format';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'baseline' },
});

/**
 * Props of {@link SloStatusIndicator}.
 *
 * @public
 */
export interface SloStatusIndicatorProps {
  status: EntitySloStatus;
  /** Test id of the status text. */
  'data-testid'?: string;
}

function StatusIcon(props: { status: EntitySloStatus }) {
  switch (props.status) {
    case 'breaching':
      return <StatusError />;
    case 'at-risk':
      return <StatusWarning />;
    case 'healthy':
      return <StatusOK />;
    default:
      return <StatusPending />;
  }
}

/**
 * The status of an SLO (or the worst of an entity's SLOs) as a status icon
 * and its text: breaching is an error, at risk a warning, healthy ok, no data
 * pending.
 *
 * @public
 */
export function SloStatusIndicator(props: SloStatusIndicatorProps) {
  const { status } = props;
  const classes = useStyles();
  // The icon is hidden from assistive technology; the text is not.
  return (
    <span className={classes.root}>
      <StatusIcon status={status} />
      <span data-testid={props['data-testid']} data-status={status}>
        {formatSloStatus(status)}
      </span>
    </span>
  );
}
