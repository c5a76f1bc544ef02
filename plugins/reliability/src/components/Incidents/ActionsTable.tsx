import { Link, TableColumn } from '@backstage/core-components';
import { CorrectiveActionRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { formatEntityRefShort } from '../format';
import { MissingValue } from '../MissingValue';
import { DefinitionLink } from '../DefinitionLink';
import { RecordsTable } from './RecordsTable';
import { StateChip } from './StateChip';

type Row = CorrectiveActionRecord & { key: string };

const STATE: Record<string, string> = {
  open: 'Open',
  done: 'Done',
  'no-ticket': 'No ticket',
  unknown: 'Ticket unreadable',
};

const columns: TableColumn<Row>[] = [
  {
    title: 'Action',
    field: 'title',
    render: row => (
      <>
        <Typography variant="body2">{row.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.postmortemTitle}
        </Typography>
      </>
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row =>
      row.owner ? (
        formatEntityRefShort(row.owner)
      ) : (
        <MissingValue reason="No owner in the postmortem" />
      ),
  },
  {
    title: 'Due',
    field: 'due',
    render: row => row.due ?? <MissingValue reason="No due date" />,
  },
  {
    title: 'Ticket',
    field: 'ticket',
    render: row => {
      if (!row.ticket) return <MissingValue reason="No ticket" />;
      return row.ticketUrl ? (
        <Link to={row.ticketUrl}>{row.ticket}</Link>
      ) : (
        row.ticket
      );
    },
  },
  {
    title: 'Status',
    field: 'state',
    render: row => (
      <StateChip
        testId="action-state"
        value={row.state}
        label={`${STATE[row.state] ?? row.state}${
          row.statusName && row.state !== 'no-ticket'
            ? ` · ${row.statusName}`
            : ''
        }`}
        good={row.state === 'done'}
        bad={row.state === 'no-ticket' || row.state === 'unknown'}
      />
    ),
  },
  {
    title: (
      <>
        Overdue
        <DefinitionLink anchor="overdue-actions" label="Overdue age" />
      </>
    ),
    field: 'overdueDays',
    type: 'numeric',
    render: row =>
      row.overdueDays === null ? (
        <MissingValue reason="Not overdue" />
      ) : (
        <span
          data-testid="action-overdue"
          data-days={row.overdueDays}
          data-stalled={row.stalled ? 'true' : 'false'}
        >
          {row.overdueDays} d{row.stalled ? ' · stalled' : ''}
        </span>
      ),
  },
];

/** Props of {@link ActionsTable}. */
export interface ActionsTableProps {
  actions: CorrectiveActionRecord[];
}

/** The corrective actions of the postmortems: owner, due date, ticket state and overdue age. */
export function ActionsTable(props: ActionsTableProps) {
  return (
    <RecordsTable<Row>
      testId="actions-table"
      title="Corrective actions"
      subtitle="From the postmortems; status from the tickets"
      columns={columns}
      data={props.actions.map(a => ({
        ...a,
        key: `${a.postmortemId}#${a.id}`,
      }))}
      empty="No corrective actions in the postmortems."
    />
  );
}
