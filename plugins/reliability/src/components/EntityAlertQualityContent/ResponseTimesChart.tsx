import {
  DurationStats,
  ResponseTimes,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { BarSeriesChart, ChartNote } from '../ChartFrame';
import { formatNumber, formatResponseTime } from '../format';
import { MissingValue } from '../MissingValue';
import { getDurationTicks } from './getDurationTicks';

const useStyles = makeStyles(theme => ({
  chartTitle: { fontWeight: theme.typography.fontWeightMedium as number },
  table: { marginTop: theme.spacing(2) },
}));

/**
 * Props of {@link ResponseTimesChart}.
 *
 * @public
 */
export interface ResponseTimesChartProps {
  current: ResponseTimes;
  previous: ResponseTimes;
  /** e.g. `Last 28 days`. */
  currentLabel: string;
  /** e.g. `Previous 28 days`. */
  previousLabel: string;
  /** Height of each chart in pixels; default 200. */
  height?: number;
}

interface Point {
  stat: string;
  current: number | null;
  previous: number | null;
}

function pointsOf(current: DurationStats, previous: DurationStats): Point[] {
  return [
    { stat: 'Median', current: current.medianMs, previous: previous.medianMs },
    { stat: 'p90', current: current.p90Ms, previous: previous.p90Ms },
  ];
}

function Duration(props: { ms: number | null; reason: string }) {
  const text = formatResponseTime(props.ms);
  return props.ms === null || text === '–' ? (
    <MissingValue reason={props.reason} />
  ) : (
    <>{text}</>
  );
}

function StatsChart(props: {
  title: string;
  points: Point[];
  currentLabel: string;
  previousLabel: string;
  height: number;
  empty: string;
  testId: string;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const hasData = props.points.some(
    p => p.current !== null || p.previous !== null,
  );
  const ticks = getDurationTicks(
    props.points.flatMap(p => [p.current, p.previous]),
  );
  return (
    <div data-testid={props.testId}>
      <Typography variant="body2" className={classes.chartTitle}>
        {props.title}
      </Typography>
      {hasData ? (
        <BarSeriesChart
          rows={props.points}
          categoryKey="stat"
          series={[
            {
              dataKey: 'previous',
              name: props.previousLabel,
              fill: theme.palette.grey[400],
            },
            {
              dataKey: 'current',
              name: props.currentLabel,
              fill: theme.palette.primary.main,
            },
          ]}
          height={props.height}
          margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
          valueAxis={{
            width: 80,
            domain: [0, ticks[ticks.length - 1]],
            ticks,
            interval: 0,
            tickFormatter: (ms: number) => formatResponseTime(ms),
          }}
          tooltip={{
            formatter: (value: unknown) =>
              formatResponseTime(typeof value === 'number' ? value : null),
          }}
        />
      ) : (
        <ChartNote>{props.empty}</ChartNote>
      )}
    </div>
  );
}

/**
 * MTTA and MTTR of the window against the previous window: median and p90 as
 * grouped bars (one chart each, as they differ by orders of magnitude), and a
 * table with the number of incidents each is computed over and the mean.
 *
 * @public
 */
export function ResponseTimesChart(props: ResponseTimesChartProps) {
  const {
    current,
    previous,
    currentLabel,
    previousLabel,
    height = 200,
  } = props;
  const classes = useStyles();
  const over =
    current.scope === 'pages' ? 'pages (high-urgency incidents)' : 'incidents';
  const metrics = [
    {
      key: 'mtta' as const,
      metric: 'MTTA',
      title: 'Time to acknowledge (MTTA)',
      empty: `No acknowledged ${over} in either window.`,
      reason: 'Nothing was acknowledged in the window',
    },
    {
      key: 'mttr' as const,
      metric: 'MTTR',
      title: 'Time to resolve (MTTR)',
      empty: `No resolved ${over} in either window.`,
      reason: 'Nothing was resolved in the window',
    },
  ];
  const rows = metrics.flatMap(metric =>
    [
      { window: currentLabel, stats: current[metric.key] },
      { window: previousLabel, stats: previous[metric.key] },
    ].map(row => ({ ...row, metric: metric.metric, reason: metric.reason })),
  );

  return (
    <div data-testid="response-times-chart">
      <Grid container spacing={2}>
        {metrics.map(metric => (
          <Grid item xs={12} md={6} key={metric.key}>
            <StatsChart
              title={metric.title}
              points={pointsOf(current[metric.key], previous[metric.key])}
              currentLabel={currentLabel}
              previousLabel={previousLabel}
              height={height}
              empty={metric.empty}
              testId={`${metric.key}-chart`}
            />
          </Grid>
        ))}
      </Grid>
      <Table size="small" aria-label="MTTA and MTTR" className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell />
            <TableCell>Window</TableCell>
            <TableCell align="right">Incidents</TableCell>
            <TableCell align="right">Median</TableCell>
            <TableCell align="right">p90</TableCell>
            <TableCell align="right">Mean</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow
              key={`${row.metric}-${row.window}`}
              data-testid="response-time-row"
            >
              <TableCell>{row.metric}</TableCell>
              <TableCell>{row.window}</TableCell>
              <TableCell align="right">{formatNumber(row.stats.n)}</TableCell>
              <TableCell align="right">
                <Duration ms={row.stats.medianMs} reason={row.reason} />
              </TableCell>
              <TableCell align="right">
                <Duration ms={row.stats.p90Ms} reason={row.reason} />
              </TableCell>
              <TableCell align="right">
                <Duration ms={row.stats.meanMs} reason={row.reason} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary">
        Over {over}; never-acknowledged ones are left out of MTTA and open ones
        out of MTTR. p90: 9 in 10 took at most this long.
      </Typography>
    </div>
  );
}
