import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import { useTheme } from '@material-ui/core/styles';
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
import { HistoryChartFrame } from '../ChartFrame';
import { formatBudget, formatDay } from '../format';
import { getBudgetTicks } from './getBudgetTicks';

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

  return (
    <HistoryChartFrame
      data-testid="slo-burndown-chart"
      loading={loading}
      error={error}
      empty={data.length === 0}
      noDataNote={
        data.every(point => point.budget === null)
          ? 'No budget in the history yet: there was no traffic.'
          : undefined
      }
    >
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
    </HistoryChartFrame>
  );
}
