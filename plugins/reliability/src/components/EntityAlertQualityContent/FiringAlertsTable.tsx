import {
  Link,
  StatusError,
  StatusPending,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { FiringAlert } from '@reliability-kit/backstage-plugin-reliability-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { formatDateTime, formatRelativeTime } from '../format';

/**
 * Props of {@link FiringAlertsTable}.
 *
 * @public
 */
export interface FiringAlertsTableProps {
  alerts: FiringAlert[];
}

type Row = FiringAlert & { id: string };

function State(props: { state: FiringAlert['state'] }) {
  switch (props.state) {
    case 'active':
      return <StatusError>Active</StatusError>;
    case 'suppressed':
      return <StatusPending>Suppressed</StatusPending>;
    default:
      return <StatusWarning>Unprocessed</StatusWarning>;
  }
}

const columns: TableColumn<Row>[] = [
  {
    title: 'Alert',
    field: 'name',
    render: row => (
      <>
        <Typography variant="body2" data-testid="firing-alert-name">
          {row.runbookUrl ? (
            <Link to={row.runbookUrl} target="_blank" rel="noopener noreferrer">
              {row.name}
            </Link>
          ) : (
            row.name
          )}
        </Typography>
        {row.summary && (
          <Typography variant="caption" color="textSecondary">
            {row.summary}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Severity',
    field: 'severity',
    render: row => row.severity ?? '–',
  },
  {
    title: 'Since',
    field: 'startsAt',
    render: row => (
      <Tooltip title={formatDateTime(row.startsAt)}>
        <span>{formatRelativeTime(row.startsAt)}</span>
      </Tooltip>
    ),
  },
  {
    title: 'State',
    field: 'state',
    render: row => <State state={row.state} />,
  },
  {
    title: 'Silenced',
    field: 'silencedBy',
    render: row =>
      row.silencedBy.length > 0 ? `Yes (${row.silencedBy.join(', ')})` : 'No',
  },
];

/**
 * The entity's alerts firing now, from Alertmanager: name (linking its
 * runbook), severity, since when, state and silences.
 *
 * @public
 */
export function FiringAlertsTable(props: FiringAlertsTableProps) {
  const data: Row[] = props.alerts.map((alert, index) => ({
    ...alert,
    id: `${alert.name}-${index}`,
  }));
  return (
    <div data-testid="firing-alerts">
      <Table<Row>
        title="Firing now"
        subtitle="From Alertmanager"
        columns={columns}
        data={data}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          draggable: false,
        }}
        emptyContent={
          <Typography variant="body2" color="textSecondary" align="center">
            No alerts firing now.
          </Typography>
        }
      />
    </div>
  );
}
