import { Link } from '@backstage/core-components';
import {
  ReadinessItemResult,
  ReadinessRecord,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Button from '@material-ui/core/Button';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { HowToFix } from '../HowToFix';
import { ReadinessAction } from '../ReadinessDialogs';
import { StateIndicator } from '../StateIndicator';
import { formatDate, formatEntityRefShort, formatExpiry } from '../format';
import { DONE_STATES, ITEM_STATES } from './readinessStates';

const useStyles = makeStyles(theme => ({
  greyed: { opacity: 0.6 },
  state: { whiteSpace: 'nowrap', verticalAlign: 'top', width: 140 },
  item: { verticalAlign: 'top' },
  title: { fontWeight: theme.typography.fontWeightMedium as number },
  actions: {
    verticalAlign: 'top',
    textAlign: 'right',
    whiteSpace: 'nowrap',
    width: 1,
  },
  warning: { color: theme.palette.warning.dark },
  error: { color: theme.palette.error.main },
}));

/** Props of {@link ReadinessItemRow}. */
export interface ReadinessItemRowProps {
  item: ReadinessItemResult;
  greyed?: boolean;
  onAction: (action: ReadinessAction) => void;
}

function activeRecords(item: ReadinessItemResult): ReadinessRecord[] {
  return [item.attestation, item.exemption].filter((r): r is ReadinessRecord =>
    Boolean(r && !r.revokedAt),
  );
}

function Expiry(props: { item: ReadinessItemResult }) {
  const { item } = props;
  const classes = useStyles();
  const expiresAt =
    item.expiresAt ?? item.exemption?.expiresAt ?? item.attestation?.expiresAt;
  if (!expiresAt) {
    return null;
  }
  const expired = Date.parse(expiresAt) <= Date.now();
  let expiryClass: string | undefined;
  if (expired) {
    expiryClass = classes.error;
  } else if (item.state === 'expiring') {
    expiryClass = classes.warning;
  }
  return (
    <Typography
      variant="caption"
      component="div"
      title={formatDate(expiresAt)}
      className={expiryClass}
      data-testid="readiness-item-expiry"
    >
      {formatExpiry(expiresAt)}
    </Typography>
  );
}

/** One readiness item: its state, what it is and why, and its actions. */
export function ReadinessItemRow(props: ReadinessItemRowProps) {
  const { item, greyed, onAction } = props;
  const classes = useStyles();
  const state = ITEM_STATES[item.state] ?? {
    label: item.state,
    tone: 'pending',
  };
  const records = activeRecords(item);
  const canAttest = item.kind === 'attested' && item.state !== 'not-required';
  const canExempt =
    !item.exemption && ['failed', 'missing', 'expiring'].includes(item.state);
  const showHowToFix = item.howToFix && !DONE_STATES.includes(item.state);

  return (
    <TableRow
      className={greyed ? classes.greyed : undefined}
      data-testid="readiness-item"
      data-item-id={item.id}
      data-state={item.state}
    >
      <TableCell className={classes.state}>
        <StateIndicator
          tone={state.tone}
          label={state.label}
          state={item.state}
          data-testid="readiness-item-state"
        />
      </TableCell>
      <TableCell className={classes.item}>
        <Typography variant="body2" className={classes.title}>
          {item.title}{' '}
          <Typography variant="caption" color="textSecondary" component="span">
            · {item.kind === 'attested' ? 'attested' : 'automatic check'}
          </Typography>
        </Typography>
        {item.description && (
          <Typography variant="caption" color="textSecondary" component="div">
            {item.description}
          </Typography>
        )}
        {item.detail && (
          <Typography
            variant="body2"
            component="div"
            data-testid="readiness-item-detail"
          >
            {item.detail}
          </Typography>
        )}
        {item.attestation?.evidenceUrl && !item.attestation.revokedAt && (
          <Typography variant="caption" component="div">
            <Link to={item.attestation.evidenceUrl}>Evidence</Link>
          </Typography>
        )}
        {item.exemption && !item.exemption.revokedAt && (
          <Typography variant="caption" component="div">
            Exempted by {formatEntityRefShort(item.exemption.createdBy)}:{' '}
            {item.exemption.reason}
          </Typography>
        )}
        <Expiry item={item} />
        {showHowToFix && <HowToFix markdown={item.howToFix!} />}
      </TableCell>
      <TableCell className={classes.actions}>
        {canAttest && (
          <Button
            size="small"
            color="primary"
            aria-label={`Attest "${item.title}"`}
            onClick={() =>
              onAction({
                kind: 'attest',
                itemId: item.id,
                title: item.title,
                validityDays: item.validityDays,
              })
            }
          >
            Attest
          </Button>
        )}
        {canExempt && (
          <Button
            size="small"
            aria-label={`Exempt from "${item.title}"`}
            onClick={() =>
              onAction({
                kind: 'exempt-item',
                itemId: item.id,
                title: item.title,
              })
            }
          >
            Exempt
          </Button>
        )}
        {records.map(record => (
          <Button
            key={record.id}
            size="small"
            aria-label={`Revoke the ${record.type} of "${item.title}"`}
            onClick={() =>
              onAction({ kind: 'revoke', record, title: item.title })
            }
          >
            {records.length > 1 ? `Revoke ${record.type}` : 'Revoke'}
          </Button>
        ))}
      </TableCell>
    </TableRow>
  );
}
