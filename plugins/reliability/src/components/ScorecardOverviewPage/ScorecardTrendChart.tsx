import { ScorecardTrendPoint } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { Line } from 'recharts';
import { DefinitionLink } from '../DefinitionLink';
import { formatCalendarDate } from '../format';
import { TrendLineChart, toChartPercent } from '../TrendLineChart';

/** Props of {@link ScorecardTrendChart}. */
export interface ScorecardTrendChartProps {
  points: ScorecardTrendPoint[];
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
          adoption: toChartPercent(point.adoption),
          meanScore: toChartPercent(point.meanScore),
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
  const series = [
    { dataKey: 'adoption', name: 'Adoption', color: theme.palette.primary },
    {
      dataKey: 'meanScore',
      name: 'Mean score',
      color: theme.palette.secondary,
    },
  ];
  return (
    <div data-testid="scorecard-trend-chart">
      <Typography
        variant="caption"
        color="textSecondary"
        display="block"
        data-testid="scorecard-trend-history-start"
      >
        History starts on {formatCalendarDate(rows[0].day)}, the first day the
        scorecard was evaluated.
        <DefinitionLink anchor="history-start" label="History start" />
      </Typography>
      <TrendLineChart
        rows={rows}
        dateKey="day"
        percent
        formatValue={v => `${v}%`}
        minTickGap={16}
        legend
      >
        {series.map(line => (
          <Line
            key={line.dataKey}
            type="monotone"
            dataKey={line.dataKey}
            name={line.name}
            stroke={line.color.main}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </TrendLineChart>
    </div>
  );
}
