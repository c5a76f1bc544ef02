import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  StoredToilItem,
  ToilItemInput,
  ToilSummary,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import {
  formatDateTime,
  formatEntityRefShort,
  formatErrorMessage,
  formatHours,
  formatNumber,
  formatRelativeTime,
} from '../format';
import { ToilItemDialog } from './ToilItemDialog';

const useStyles = makeStyles(theme => ({
  total: { marginBottom: theme.spacing(2) },
  error: { marginBottom: theme.spacing(2) },
  actions: { whiteSpace: 'nowrap' },
}));

/**
 * Props of {@link ToilLog}.
 *
 * @public
 */
export interface ToilLogProps {
  /** The entity the toil belongs to. */
  entityRef: CompoundEntityRef;
  items: StoredToilItem[];
  /**
   * The toil of the window (self-reported plus interrupt time of pages);
   * without it only the self-reported toil is totalled.
   */
  toil?: ToilSummary | null;
  /** e.g. `last 28 days`. */
  windowLabel?: string;
  /** Called after an item was added, changed or removed. */
  onChange?: () => void;
}

type DialogState =
  | { kind: 'closed' }
  | { kind: 'add' }
  | { kind: 'edit'; item: StoredToilItem }
  | { kind: 'delete'; item: StoredToilItem };

type Row = StoredToilItem & { hoursPerWeek: number };

function hoursPerWeekOf(item: StoredToilItem): number {
  return (item.minutesPerOccurrence * item.occurrencesPerWeek) / 60;
}

function ToilTotal(props: {
  items: StoredToilItem[];
  toil?: ToilSummary | null;
  windowLabel?: string;
}) {
  const { items, toil, windowLabel } = props;
  if (toil) {
    return (
      <>
        <strong>{formatHours(toil.toilHoursPerWeek)}</strong> of toil per week ={' '}
        {formatHours(toil.selfReportedHoursPerWeek)} self-reported +{' '}
        {formatHours(toil.interruptHoursPerWeek)} interrupt time
        (acknowledgement to resolution of {formatNumber(toil.interruptPages)}{' '}
        pages{windowLabel ? ` in the ${windowLabel}` : ''}).
      </>
    );
  }
  const selfReported = items.reduce(
    (sum, item) => sum + hoursPerWeekOf(item),
    0,
  );
  return (
    <>
      <strong>{formatHours(selfReported)}</strong> of self-reported toil per
      week; no pages are known to add interrupt time.
    </>
  );
}

/**
 * The toil log of an entity: recurring manual work the team recorded, with
 * its hours per week, and the total toil (self-reported plus the interrupt
 * time of pages). Items can be added, edited and deleted.
 *
 * @public
 */
export function ToilLog(props: ToilLogProps) {
  const { entityRef, toil, windowLabel, onChange } = props;
  const classes = useStyles();
  const api = useApi(reliabilityApiRef);
  const [items, setItems] = useState(props.items);
  const [dialog, setDialog] = useState<DialogState>({ kind: 'closed' });
  const [error, setError] = useState<string | undefined>();
  const [deleting, setDeleting] = useState(false);

  useEffect(() => setItems(props.items), [props.items]);

  const close = () => setDialog({ kind: 'closed' });

  const save = async (input: ToilItemInput) => {
    if (dialog.kind === 'edit') {
      const updated = await api.updateToilItem(
        entityRef,
        dialog.item.id,
        input,
      );
      setItems(prev => prev.map(i => (i.id === updated.id ? updated : i)));
    } else {
      const created = await api.createToilItem(entityRef, input);
      setItems(prev => [...prev, created]);
    }
    setError(undefined);
    close();
    onChange?.();
  };

  const remove = async (item: StoredToilItem) => {
    setDeleting(true);
    try {
      await api.deleteToilItem(entityRef, item.id);
      setItems(prev => prev.filter(i => i.id !== item.id));
      setError(undefined);
      onChange?.();
    } catch (e) {
      setError(`Could not delete "${item.task}": ${formatErrorMessage(e)}`);
    } finally {
      setDeleting(false);
      close();
    }
  };

  const columns: TableColumn<Row>[] = [
    {
      title: 'Task',
      field: 'task',
      render: row => <span data-testid="toil-task">{row.task}</span>,
    },
    {
      title: 'Minutes',
      field: 'minutesPerOccurrence',
      type: 'numeric',
      render: row => formatNumber(row.minutesPerOccurrence),
    },
    {
      title: 'Per week',
      field: 'occurrencesPerWeek',
      type: 'numeric',
      render: row => formatNumber(row.occurrencesPerWeek),
    },
    {
      title: 'Hours/week',
      field: 'hoursPerWeek',
      type: 'numeric',
      render: row => formatHours(row.hoursPerWeek),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: row => (
        <Tooltip title={row.owner}>
          <span>{formatEntityRefShort(row.owner)}</span>
        </Tooltip>
      ),
    },
    {
      title: 'Updated',
      field: 'updatedAt',
      render: row => (
        <Tooltip title={formatDateTime(row.updatedAt)}>
          <span>
            {formatEntityRefShort(row.updatedBy)},{' '}
            {formatRelativeTime(row.updatedAt)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: 'Actions',
      field: 'id',
      sorting: false,
      align: 'right',
      render: row => (
        <span className={classes.actions}>
          <Tooltip title="Edit">
            <IconButton
              size="small"
              aria-label={`Edit "${row.task}"`}
              onClick={() => setDialog({ kind: 'edit', item: row })}
            >
              <EditIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title="Delete">
            <IconButton
              size="small"
              aria-label={`Delete "${row.task}"`}
              onClick={() => setDialog({ kind: 'delete', item: row })}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </span>
      ),
    },
  ];

  const data: Row[] = items.map(item => ({
    ...item,
    hoursPerWeek: hoursPerWeekOf(item),
  }));

  return (
    <div data-testid="toil-log">
      <InfoCard
        title="Toil log"
        subheader="Recurring manual work: what it is, how long it takes, how often"
        action={
          <Button
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setDialog({ kind: 'add' })}
            data-testid="toil-add-button"
          >
            Add toil
          </Button>
        }
      >
        <Typography
          variant="body2"
          className={classes.total}
          data-testid="toil-total"
        >
          <ToilTotal items={items} toil={toil} windowLabel={windowLabel} />
        </Typography>
        {error && (
          <Alert
            severity="error"
            className={classes.error}
            data-testid="toil-error"
            onClose={() => setError(undefined)}
          >
            {error}
          </Alert>
        )}
        <Table<Row>
          columns={columns}
          data={data}
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
            draggable: false,
          }}
          style={{ boxShadow: 'none' }}
          emptyContent={
            <Typography variant="body2" color="textSecondary" align="center">
              No toil recorded yet: add the manual work the team does again and
              again.
            </Typography>
          }
        />
      </InfoCard>

      {(dialog.kind === 'add' || dialog.kind === 'edit') && (
        <ToilItemDialog
          open
          item={dialog.kind === 'edit' ? dialog.item : undefined}
          onSubmit={save}
          onClose={close}
        />
      )}
      <Dialog
        open={dialog.kind === 'delete'}
        onClose={deleting ? undefined : close}
        aria-labelledby="toil-delete-dialog-title"
      >
        <DialogTitle id="toil-delete-dialog-title">
          Delete toil item?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {dialog.kind === 'delete'
              ? `"${dialog.item.task}" is removed from the toil log.`
              : ''}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={deleting}>
            Cancel
          </Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={deleting}
            onClick={() => dialog.kind === 'delete' && remove(dialog.item)}
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
