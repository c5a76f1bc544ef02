import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { reliabilityApiRef } from '../../api';
import { HistoryChartFrame } from '../ChartFrame';
import { formatCalendarDate, formatErrorMessage } from '../format';
import { toChartPercent } from '../TrendLineChart';

/** A level of a scorecard, in order. */
export interface ScorecardLevel {
  id: string;
  title: string;
}

/** Props of {@link ScorecardHistoryChart}. */
export interface ScorecardHistoryChartProps {
  entityRef: CompoundEntityRef;
  scorecardId: string;
  /** The scorecard's levels, lowest first. */
  levels: ScorecardLevel[];
  days?: number;
  height?: number;
}

interface Row {
  day: string;
  score: number;
  /** 0 = no level, 1 = the first level... */
  level: number;
}

/**
 * An entity's score (a line, in %) and level (a step line on the right axis)
 * on a scorecard, one point a day.
 */
export function ScorecardHistoryChart(props: ScorecardHistoryChartProps) {
  const { entityRef, scorecardId, levels, days = 90, height = 200 } = props;
  const theme = useTheme();
  const api = useApi(reliabilityApiRef);
  const { kind, namespace, name } = entityRef;
  const { value, loading, error } = useAsync(
    () => api.getScorecardHistory({ kind, namespace, name }, scorecardId, days),
    [api, kind, namespace, name, scorecardId, days],
  );

  const rows = useMemo<Row[]>(
    () =>
      (value ?? [])
        .map(point => ({
          day: point.day,
          score: toChartPercent(point.score),
          level: point.level
            ? levels.findIndex(level => level.id === point.level) + 1
            : 0,
        }))
        .sort((a, b) => a.day.localeCompare(b.day)),
    [value, levels],
  );
  const levelTitle = (index: number) =>
    index > 0 ? levels[index - 1]?.title ?? String(index) : 'No level';

  const lines = [
    {
      dataKey: 'score',
      type: 'monotone' as const,
      name: 'Score',
      stroke: theme.palette.primary.main,
      dot: rows.length < 15,
    },
    {
      dataKey: 'level',
      type: 'stepAfter' as const,
      name: 'Level',
      stroke: theme.palette.secondary.main,
      dot: false,
    },
  ];

  return (
    <HistoryChartFrame
      data-testid="scorecard-history-chart"
      loading={loading}
      error={error}
      formatError={formatErrorMessage}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="day"
            tickFormatter={formatCalendarDate}
            minTickGap={16}
          />
          <YAxis yAxisId="score" domain={[0, 100]} unit="%" width={48} />
          <YAxis
            yAxisId="level"
            orientation="right"
            domain={[0, Math.max(levels.length, 1)]}
            ticks={Array.from({ length: levels.length + 1 }, (_, i) => i)}
            allowDecimals={false}
            tickFormatter={levelTitle}
            width={72}
          />
          <Tooltip
            labelFormatter={label => formatCalendarDate(String(label))}
            formatter={(
              v: unknown,
              _name: unknown,
              item: { dataKey?: unknown },
            ) =>
              item?.dataKey === 'level'
                ? [levelTitle(Number(v)), 'Level']
                : [`${v}%`, 'Score']
            }
          />
          <Legend />
          {lines.map(line => (
            <Line
              key={line.dataKey}
              yAxisId={line.dataKey}
              dataKey={line.dataKey}
              type={line.type}
              name={line.name}
              stroke={line.stroke}
              dot={line.dot}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </HistoryChartFrame>
  );
}
