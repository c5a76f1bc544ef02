import { Link, TableColumn } from '@backstage/core-components';
import { IncidentRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { formatDate, formatDateTime, formatResponseTime } from '../format';
import { MissingValue } from '../MissingValue';
import { DefinitionAnchor, DefinitionLink } from '../DefinitionLink';
import { RecordsTable } from './RecordsTable';
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

/** A column title with the link to its definition. */
const defined = (title: string, anchor: DefinitionAnchor, label = title) => (
  <>
    {title}
    <DefinitionLink anchor={anchor} label={label} />
  </>
);

/** A duration, or a dash with the reason there is none. */
const duration = (ms: number | null, reason: string) =>
  ms === null ? <MissingValue reason={reason} /> : formatResponseTime(ms);

const columns: TableColumn<Row>[] = [
  {
    title: 'Created',
    field: 'createdAt',
    render: row => formatDateTime(row.createdAt),
  },
  { title: 'Incident', field: 'title' },
  {
    title: defined('Severity', 'incident-severity'),
    field: 'severity',
    render: row => <span data-testid="incident-severity">{row.severity}</span>,
  },
  {
    title: defined('MTTD', 'mttd'),
    field: 'mttdMs',
    render: row =>
      duration(
        row.mttdMs,
        'Impact start unknown: no SLO breach found before the incident and none recorded by the source',
      ),
  },
  {
    title: defined('MTTR', 'mttr-per-severity'),
    field: 'mttrMs',
    render: row => duration(row.mttrMs, 'Still open'),
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
    title: defined('Postmortem due', 'postmortem-sla', 'Postmortem SLA'),
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
    <RecordsTable<Row>
      testId="incidents-table"
      title="SEV incidents"
      subtitle="The last 12 months, newest first"
      columns={columns}
      data={props.incidents.map(i => ({ ...i, key: `${i.source}:${i.id}` }))}
      empty="No incidents with a severity in the last 12 months."
    />
  );
}
