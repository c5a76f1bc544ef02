import { TableColumn } from '@backstage/core-components';
import { NoisyAlert } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { formatNumber, formatShare } from '../format';
import { MissingValue } from '../MissingValue';
import { fitColumns } from '../tableLayout';
import { RecordsTable } from '../Incidents/RecordsTable';

/**
 * Props of {@link NoisyAlertsTable}.
 *
 * @public
 */
export interface NoisyAlertsTableProps {
  alerts: NoisyAlert[];
  /** e.g. `last 28 days`. */
  windowLabel?: string;
}

type Row = NoisyAlert & { id: string };

const columns: TableColumn<Row>[] = fitColumns<TableColumn<Row>>([
  {
    title: 'Alert',
    field: 'title',
    width: '40%',
    render: row => (
      <>
        <Typography variant="body2" data-testid="noisy-alert-title">
          {row.title}
        </Typography>
        {row.keyType === 'alertKey' && row.key !== row.title && (
          <Typography variant="caption" color="textSecondary">
            {row.key}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Incidents',
    field: 'incidents',
    type: 'numeric',
    render: row => formatNumber(row.incidents),
  },
  {
    title: 'Pages',
    field: 'pages',
    type: 'numeric',
    render: row => formatNumber(row.pages),
  },
  {
    title: 'Noise candidates',
    field: 'noiseCandidates',
    type: 'numeric',
    render: row => formatNumber(row.noiseCandidates),
  },
  {
    title: 'Share of pages',
    field: 'shareOfPages',
    type: 'numeric',
    render: row =>
      row.shareOfPages === null ? (
        <MissingValue reason="No pages in the window" />
      ) : (
        formatShare(row.shareOfPages)
      ),
  },
]);

/**
 * The alerts that fired most in the window (up to 10): incidents, pages,
 * noise candidates and their share of all pages.
 *
 * @public
 */
export function NoisyAlertsTable(props: NoisyAlertsTableProps) {
  const { alerts, windowLabel } = props;
  // At most 10 rows, so the records table never pages them.
  const data: Row[] = alerts.slice(0, 10).map(alert => ({
    ...alert,
    id: `${alert.keyType}:${alert.key}`,
  }));
  return (
    <RecordsTable<Row>
      testId="noisy-alerts-table"
      title="Noisiest alerts"
      subtitle={
        windowLabel
          ? `Most incidents in the ${windowLabel}, by alert`
          : 'Most incidents, by alert'
      }
      columns={columns}
      data={data}
      empty="No incidents in this window."
    />
  );
}
