import { ScorecardTrendPoint } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
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
import { formatCalendarDate } from '../format';

/** Props of {@link ScorecardTrendChart}. */
export interface ScorecardTrendChartProps {
  points: ScorecardTrendPoint[];
}

function percent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}

/** The adoption and the mean score of a scorecard, one point a day, in %. */
export function ScorecardTrendChart(props: ScorecardTrendChartProps) {
  const theme = useTheme();
  const rows = useMemo(
    () =>
      [...props.points]
        .sort((a, b) => a.day.localeCompare(b.day))
        .map(point => ({
          day: point.day,
          adoption: percent(point.adoption),
          meanScore: percent(point.meanScore),
        })),
    [props.points],
  );
  if (rows.length === 0) {
    return (
      <Typography color="textSecondary" data-testid="scorecard-trend-empty">
        No history yet: the trend fills day by day.
      </Typography>
    );
  }
  return (
    <div data-testid="scorecard-trend-chart">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="day"
            tickFormatter={formatCalendarDate}
            minTickGap={16}
          />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip
            labelFormatter={label => formatCalendarDate(String(label))}
            formatter={(v: unknown) => `${v}%`}
          />
          <Legend />
          <Line
            type="monotone"
            dataKey="adoption"
            name="Adoption"
            stroke={theme.palette.primary.main}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="meanScore"
            name="Mean score"
            stroke={theme.palette.secondary.main}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
