import { ResponseErrorPanel } from '@backstage/core-components';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EntityPolicyResponse,
  PolicyException,
  describePolicyDeploys,
  reliabilityPolicyExceptPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { FormDialog } from '../ReadinessDialogs/FormDialog';
import { DefinitionLink } from '../DefinitionLink';
import {
  formatDateTime,
  formatEntityRefShort,
  formatExpiry,
  formatRelativeTime,
} from '../format';
import { PolicyExceptionDialog } from './PolicyExceptionDialog';

/** Props of {@link PolicyBanner}. */
export interface PolicyBannerProps {
  entityRef: CompoundEntityRef;
  /** Changes to reload the policy. */
  version?: number;
}

/** What users with `reliability.policy.except` can do from the banner. */
export interface PolicyBannerActions {
  /** Opens the dialog to grant an exception. */
  onGrant(): void;
  /** Asks to revoke an exception in force. */
  onRevoke(exception: PolicyException): void;
}

function ExceptionLine(props: {
  exception: PolicyException;
  onRevoke?: (exception: PolicyException) => void;
}) {
  const { exception: e, onRevoke } = props;
  return (
    <li data-testid="policy-exception">
      <strong>{e.kind}</strong> by {formatEntityRefShort(e.createdBy)},{' '}
      {formatExpiry(e.expiresAt)}: {e.reason}
      {onRevoke && (
        <Button
          size="small"
          color="secondary"
          onClick={() => onRevoke(e)}
          data-testid="policy-exception-revoke"
        >
          Revoke
        </Button>
      )}
    </li>
  );
}

/**
 * The entity's error-budget policy as a banner: the state, since when,
 * why, what is allowed, the exceptions in force with their expiry, and the
 * history of state changes. Users with `reliability.policy.except` on the
 * entity can grant exceptions (kind, reason, expiry) and revoke them.
 * Nothing when the backend has no policy.
 */
export function PolicyBanner(props: PolicyBannerProps) {
  const { entityRef } = props;
  const api = useApi(reliabilityApiRef);
  const [changes, setChanges] = useState(0);
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<PolicyException | undefined>();
  const { allowed: mayExcept } = usePermission({
    permission: reliabilityPolicyExceptPermission,
    resourceRef: stringifyEntityRef(entityRef),
  });
  const { value, error } = useAsync(
    () => api.getEntityPolicy(entityRef),
    [
      api,
      entityRef.kind,
      entityRef.namespace,
      entityRef.name,
      props.version,
      changes,
    ],
  );
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value?.policy) {
    return null;
  }
  const changed = () => setChanges(c => c + 1);
  return (
    <>
      <PolicyBannerView
        response={value}
        actions={
          mayExcept
            ? { onGrant: () => setGranting(true), onRevoke: setRevoking }
            : undefined
        }
      />
      {granting && (
        <PolicyExceptionDialog
          open
          kinds={value.exceptionKinds}
          maxDays={value.exceptionMaxDays}
          onSubmit={async input => {
            await api.createPolicyException(entityRef, input);
            setGranting(false);
            changed();
          }}
          onClose={() => setGranting(false)}
        />
      )}
      {revoking && (
        <FormDialog
          id="policy-revoke-dialog"
          open
          title="Revoke the exception?"
          submitLabel="Revoke"
          danger
          onSubmit={async () => {
            await api.revokePolicyException(entityRef, revoking.id);
            setRevoking(undefined);
            changed();
          }}
          onClose={() => setRevoking(undefined)}
        >
          <Typography variant="body2">
            {revoking.kind}: {revoking.reason}. The gate answers from the policy
            state again.
          </Typography>
        </FormDialog>
      )}
    </>
  );
}

/** The banner of a loaded policy response (see {@link PolicyBanner}). */
export function PolicyBannerView(props: {
  response: EntityPolicyResponse;
  /** With `reliability.policy.except`: grant and revoke buttons. */
  actions?: PolicyBannerActions;
}) {
  const { policy, exceptions, history, pastExceptions } = props.response;
  const { actions } = props;
  if (!policy) return null;
  const allowed = policy.deploysAllowed || exceptions.length > 0;
  let severity: 'info' | 'error' | 'warning' | 'success' = 'success';
  if (policy.stale) severity = 'info';
  else if (!allowed) severity = 'error';
  else if (!policy.deploysAllowed || policy.level > 0) severity = 'warning';
  return (
    <Alert
      severity={severity}
      data-testid="policy-banner"
      data-state={policy.state}
    >
      <AlertTitle>
        Error-budget policy:{' '}
        <span data-testid="policy-state">{policy.state}</span>
        <DefinitionLink
          anchor="error-budget-policy"
          label="Error-budget policy"
        />
      </AlertTitle>
      <Typography variant="body2">
        Since {formatDateTime(policy.since)} ({formatRelativeTime(policy.since)}
        ). {policy.description}
      </Typography>
      <Typography variant="body2" data-testid="policy-deploys">
        <DefinitionLink anchor="deploy-gate" label="Deploys allowed" />{' '}
        {allowed && !policy.deploysAllowed
          ? 'Deploys are stopped by the policy, but allowed by an exception.'
          : describePolicyDeploys(policy)}
        {policy.requiredActions.length > 0 &&
          ` Required: ${policy.requiredActions.join('; ')}.`}
      </Typography>
      {policy.stale && (
        <Typography variant="body2">Stale: {policy.staleReason}</Typography>
      )}
      <Box component="ul" mt={1} mb={0} pl={2} data-testid="policy-reasons">
        {policy.reasons.map(r => (
          <li key={r}>{r}</li>
        ))}
      </Box>
      {exceptions.length > 0 && (
        <>
          <Typography variant="subtitle2">Exceptions in force</Typography>
          <Box component="ul" mt={0} pl={2}>
            {exceptions.map(e => (
              <ExceptionLine
                key={e.id}
                exception={e}
                onRevoke={actions?.onRevoke}
              />
            ))}
          </Box>
        </>
      )}
      {actions && props.response.exceptionKinds.length > 0 && (
        <Button
          size="small"
          variant="outlined"
          onClick={actions.onGrant}
          data-testid="policy-exception-grant"
        >
          Grant an exception
        </Button>
      )}
      {history.length > 0 && (
        <details>
          <summary>History ({history.length} changes)</summary>
          <Table size="small" data-testid="policy-history">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Change</TableCell>
                <TableCell>Why</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.map(t => (
                <TableRow key={`${t.at}-${t.to}`}>
                  <TableCell>{formatDateTime(t.at)}</TableCell>
                  <TableCell>{t.from ? `${t.from} → ${t.to}` : t.to}</TableCell>
                  <TableCell>{t.reasons.join('; ')}</TableCell>
                </TableRow>
              ))}
              {pastExceptions.map(e => (
                <TableRow key={e.id}>
                  <TableCell>{formatDateTime(e.createdAt)}</TableCell>
                  <TableCell>
                    exception {e.kind} (
                    {e.revokedAt ? 'revoked' : formatExpiry(e.expiresAt)})
                  </TableCell>
                  <TableCell>{e.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </details>
      )}
    </Alert>
  );
}
