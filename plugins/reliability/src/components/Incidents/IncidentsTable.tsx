import { Link, Table, TableColumn } from '@backstage/core-components';
import { IncidentRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { formatDate, formatDateTime, formatResponseTime } from '../format';
import { MissingValue } from '../MissingValue';
import { DefinitionLink } from '../DefinitionLink';
import { StateChip } from './StateChip';

type Row = IncidentRecord & { key: string };

const POSTMORTEM_STATE: Record<string, string> = {
  'on-time': 'On time',
  late: 'Late',
  pending: 'Not due yet',
  overdue: 'Overdue',
};

const POSTMORTEM_STATUS: Record<string, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
  missing: 'Missing',
};

const columns: TableColumn<Row>[] = [
  {
    title: 'Created',
    field: 'createdAt',
    render: row => formatDateTime(row.createdAt),
  },
  { title: 'Incident', field: 'title' },
  {
    title: (
      <>
        Severity
        <DefinitionLink anchor="incident-severity" label="Severity" />
      </>
    ),
    field: 'severity',
    render: row => <span data-testid="incident-severity">{row.severity}</span>,
  },
  {
    title: (
      <>
        MTTD
        <DefinitionLink anchor="mttd" label="MTTD" />
      </>
    ),
    field: 'mttdMs',
    render: row =>
      row.mttdMs === null ? (
        <MissingValue reason="Impact start unknown: no SLO breach found before the incident and none recorded by the source" />
      ) : (
        formatResponseTime(row.mttdMs)
      ),
  },
  {
    title: (
      <>
        MTTR
        <DefinitionLink anchor="mttr-per-severity" label="MTTR" />
      </>
    ),
    field: 'mttrMs',
    render: row =>
      row.mttrMs === null ? (
        <MissingValue reason="Still open" />
      ) : (
        formatResponseTime(row.mttrMs)
      ),
  },
  {
    title: 'Postmortem',
    render: row => {
      const pm = row.postmortem;
      if (!pm) return <MissingValue reason="Not required for this severity" />;
      const status = POSTMORTEM_STATUS[pm.status] ?? pm.status;
      return pm.url ? (
        <Link to={pm.url}>{pm.title ?? status}</Link>
      ) : (
        <Typography variant="body2">
          {pm.title ? `${pm.title} (${status})` : status}
        </Typography>
      );
    },
  },
  {
    title: (
      <>
        Postmortem due
        <DefinitionLink anchor="postmortem-sla" label="Postmortem SLA" />
      </>
    ),
    render: row =>
      row.postmortem?.dueAt ? (
        formatDate(row.postmortem.dueAt)
      ) : (
        <MissingValue reason="Due once the incident is resolved" />
      ),
  },
  {
    title: 'State',
    render: row =>
      row.postmortem ? (
        <StateChip
          testId="postmortem-state"
          value={row.postmortem.state}
          label={POSTMORTEM_STATE[row.postmortem.state]}
          bad={['late', 'overdue'].includes(row.postmortem.state)}
          good={row.postmortem.state === 'on-time'}
        />
      ) : null,
  },
];

/** Props of {@link IncidentsTable}. */
export interface IncidentsTableProps {
  incidents: IncidentRecord[];
}

/** The incidents with a severity: MTTD, MTTR, postmortem, due date and state. */
export function IncidentsTable(props: IncidentsTableProps) {
  return (
    <div data-testid="incidents-table">
      <Table<Row>
        title="SEV incidents"
        subtitle="The last 12 months, newest first"
        columns={columns}
        data={props.incidents.map(i => ({
          ...i,
          key: `${i.source}:${i.id}`,
        }))}
        options={{
          paging: props.incidents.length > 20,
          pageSize: 20,
          search: false,
          padding: 'dense',
          draggable: false,
        }}
        emptyContent={
          <Typography variant="body2" color="textSecondary" align="center">
            No incidents with a severity in the last 12 months.
          </Typography>
        }
      />
    </div>
  );
}
