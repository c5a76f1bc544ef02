import { Progress } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { reliabilityApiRef } from '../../api';
import { formatBudget, formatDay } from '../format';
import { getBudgetTicks } from './getBudgetTicks';

const useStyles = makeStyles(theme => ({
  root: { minHeight: 120 },
  note: { padding: theme.spacing(2, 0) },
}));

/**
 * Props of {@link SloBurnDownChart}.
 *
 * @public
 */
export interface SloBurnDownChartProps {
  entityRef: CompoundEntityRef;
  slo: SloSnapshot;
  /** Chart height in pixels; default 200. */
  height?: number;
}

interface ChartPoint {
  at: number;
  budget: number | null;
}

function toPercent(fraction: number | null): number | null {
  return typeof fraction === 'number' && Number.isFinite(fraction)
    ? Number((fraction * 100).toPrecision(12))
    : null;
}

const HOUR_MS = 60 * 60 * 1000;
// The longest range the history endpoint serves.
const MAX_HISTORY_MS = 400 * 24 * HOUR_MS;

/**
 * The history range of the current window: from its start to now. A window
 * that started less than an hour ago (or "later", on a clock behind the
 * backend's) starts an hour back, as the range must not be empty.
 */
function historyRange(windowStart: string): { from?: Date; to: Date } {
  const to = new Date();
  const start = Date.parse(windowStart);
  if (!Number.isFinite(start)) {
    return { to };
  }
  const from = Math.max(
    Math.min(start, to.getTime() - HOUR_MS),
    to.getTime() - MAX_HISTORY_MS,
  );
  return { from: new Date(from), to };
}

/**
 * The remaining error budget of an SLO over its current window, one point a
 * day from the history endpoint, with a reference line at 0 (exhausted).
 *
 * @public
 */
export function SloBurnDownChart(props: SloBurnDownChartProps) {
  const { entityRef, slo, height = 200 } = props;
  const classes = useStyles();
  const theme = useTheme();
  const api = useApi(reliabilityApiRef);
  const { kind, namespace, name } = entityRef;

  const { value, loading, error } = useAsync(
    () =>
      api.getSloHistory(
        { kind, namespace, name },
        slo.id,
        historyRange(slo.windowStart),
      ),
    [api, kind, namespace, name, slo.id, slo.windowStart],
  );

  const data = useMemo<ChartPoint[]>(
    () =>
      (value?.points ?? [])
        .map(point => ({
          at: Date.parse(point.at),
          budget: toPercent(point.budgetRemaining),
        }))
        .filter(point => Number.isFinite(point.at))
        .sort((a, b) => a.at - b.at),
    [value],
  );

  const ticks = useMemo(
    () => getBudgetTicks(data.map(point => point.budget)),
    [data],
  );
  // At most about 6 day labels, on data points.
  const dayTicks = useMemo(() => {
    const every = Math.max(1, Math.ceil(data.length / 6));
    return data.filter((_, i) => i % every === 0).map(point => point.at);
  }, [data]);

  let state: 'loading' | 'error' | 'empty' | 'no-data' | 'ready';
  let content;
  if (loading) {
    state = 'loading';
    content = <Progress />;
  } else if (error) {
    state = 'error';
    content = (
      <Alert severity="error">
        Could not load the history: {error.message}
      </Alert>
    );
  } else if (data.length === 0) {
    state = 'empty';
    content = (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.note}
      >
        No history yet: it builds up daily, one point a day.
      </Typography>
    );
  } else if (data.every(point => point.budget === null)) {
    state = 'no-data';
    content = (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.note}
      >
        No budget in the history yet: there was no traffic.
      </Typography>
    );
  } else {
    state = 'ready';
    content = (
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            ticks={dayTicks}
            tickFormatter={(at: number) => formatDay(at)}
            minTickGap={16}
          />
          <YAxis
            width={64}
            domain={[ticks[0], ticks[ticks.length - 1]]}
            ticks={ticks}
            interval={0}
            tickFormatter={(v: number) => `${v.toLocaleString('en-US')}%`}
          />
          <Tooltip
            labelFormatter={(at: unknown) => formatDay(Number(at))}
            formatter={(v: unknown) => [
              formatBudget(typeof v === 'number' ? v / 100 : null),
              'Budget remaining',
            ]}
          />
          <ReferenceLine
            y={0}
            stroke={theme.palette.error.main}
            strokeDasharray="4 4"
            label={{
              value: 'exhausted',
              position: 'insideBottomRight',
              fill: theme.palette.error.main,
              fontSize: 11,
            }}
          />
          <Area
            type="linear"
            dataKey="budget"
            name="Budget remaining"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.main}
            fillOpacity={0.15}
            dot={data.length < 15}
            connectNulls={false}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    );
  }

  return (
    <div
      className={classes.root}
      data-testid="slo-burndown-chart"
      data-state={state}
    >
      {content}
    </div>
  );
}
