import { Link, Progress } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { AuditEntry } from '@reliability-kit/backstage-plugin-reliability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import {
  formatDateTime,
  formatEntityRefShort,
  formatErrorMessage,
  formatRelativeTime,
} from '../format';
import { AUDIT_ACTIONS } from './readinessStates';

/** Props of {@link AuditLog}. */
export interface AuditLogProps {
  entityRef: CompoundEntityRef;
  /** The title of a target such as `readiness:backup-restore`, when known. */
  describeTarget?: (target: string) => string | undefined;
  /** Changes to reload the log. */
  version?: number;
  limit?: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function Reason(props: { entry: AuditEntry }) {
  const { details } = props.entry;
  const reason = text(details.reason);
  const evidence = text(details.evidenceUrl);
  if (!reason && !evidence) {
    return null;
  }
  return (
    <>
      {reason}
      {reason && evidence ? ' · ' : ''}
      {evidence && <Link to={evidence}>evidence</Link>}
    </>
  );
}

/**
 * The newest entries of an entity's audit log: who did what, when, to what
 * and why.
 */
export function AuditLog(props: AuditLogProps) {
  const { entityRef, describeTarget, version, limit = 50 } = props;
  const api = useApi(reliabilityApiRef);
  const { kind, namespace, name } = entityRef;
  const { value, loading, error } = useAsync(
    () => api.getAuditLog({ kind, namespace, name }, limit),
    [api, kind, namespace, name, limit, version],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <Alert severity="error">
        Could not load the history: {formatErrorMessage(error)}
      </Alert>
    );
  }
  if (!value || value.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="audit-log-empty"
      >
        Nothing attested, exempted or revoked yet.
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="audit-log">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Who</TableCell>
          <TableCell>Action</TableCell>
          <TableCell>Target</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.map(entry => (
          <TableRow key={entry.id} data-testid="audit-entry">
            <TableCell>
              <Tooltip title={formatDateTime(entry.at)}>
                <span>{formatRelativeTime(entry.at)}</span>
              </Tooltip>
            </TableCell>
            <TableCell>
              <Tooltip title={entry.actor}>
                <span>{formatEntityRefShort(entry.actor)}</span>
              </Tooltip>
            </TableCell>
            <TableCell>{AUDIT_ACTIONS[entry.action] ?? entry.action}</TableCell>
            <TableCell>
              <Tooltip title={entry.target}>
                <span>{describeTarget?.(entry.target) ?? entry.target}</span>
              </Tooltip>
            </TableCell>
            <TableCell>
              <Reason entry={entry} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
