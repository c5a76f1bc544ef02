import { useMemo } from 'react';
import { FleetTrendPoint } from '@reliability-kit/backstage-plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { Line } from 'recharts';
import { DefinitionLink } from '../DefinitionLink';
import { formatCalendarDate } from '../format';
import { TrendLineChart, toChartPercent } from '../TrendLineChart';
import { tierTitle } from './FleetTable';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b'];

function weekOf(week: string): string {
  return `Week of ${formatCalendarDate(week)}`;
}

interface WeekRow {
  week: string;
  breaching: number;
  [series: string]: number | string | null;
}

/** Turns the trend points into one row per week, a series per tier. */
export function toTrendRows(points: FleetTrendPoint[]): {
  rows: WeekRow[];
  tiers: string[];
} {
  const tiers = Array.from(new Set(points.map(p => p.tier ?? ''))).sort();
  const byWeek = new Map<string, WeekRow>();
  for (const point of points) {
    const row = byWeek.get(point.week) ?? { week: point.week, breaching: 0 };
    row[`tier:${point.tier ?? ''}`] =
      point.sloAttainmentRate === null
        ? null
        : toChartPercent(point.sloAttainmentRate);
    row.breaching += point.breaching;
    byWeek.set(point.week, row);
  }
  const rows = Array.from(byWeek.values()).sort((a, b) =>
    a.week.localeCompare(b.week),
  );
  return { rows, tiers };
}

/** Props of {@link FleetTrendsChart}. */
export interface FleetTrendsChartProps {
  points: FleetTrendPoint[];
}

/** The SLO attainment per tier and the breaching count, per week. */
export function FleetTrendsChart(props: FleetTrendsChartProps) {
  const theme = useTheme();
  const { rows, tiers } = useMemo(
    () => toTrendRows(props.points),
    [props.points],
  );
  if (rows.length === 0) {
    return (
      <Typography color="textSecondary" data-testid="fleet-trends-empty">
        No history yet: the trend fills week by week.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2} data-testid="fleet-trends-chart">
      <Grid item xs={12}>
        <Typography
          variant="caption"
          color="textSecondary"
          data-testid="fleet-trends-history-start"
        >
          History starts in the week of {formatCalendarDate(rows[0].week)}.
          Weeks before the suite was installed are rebuilt from the stored daily
          SLO history and paging incidents (up to 12 weeks).
          <DefinitionLink anchor="history-start" label="History start" />
        </Typography>
      </Grid>
      <Grid item xs={12} md={8}>
        <Typography variant="subtitle2">SLO attainment per tier (%)</Typography>
        <TrendLineChart
          rows={rows}
          dateKey="week"
          percent
          formatDate={weekOf}
          legend
        >
          {tiers.map((tier, i) => (
            <Line
              key={tier}
              type="monotone"
              dataKey={`tier:${tier}`}
              name={tierTitle(tier || null)}
              stroke={COLORS[i % COLORS.length]}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </TrendLineChart>
      </Grid>
      <Grid item xs={12} md={4}>
        <Typography variant="subtitle2">Entities breaching</Typography>
        <TrendLineChart rows={rows} dateKey="week" formatDate={weekOf}>
          <Line
            type="monotone"
            dataKey="breaching"
            name="Breaching"
            stroke={theme.palette.error.main}
            isAnimationActive={false}
          />
        </TrendLineChart>
      </Grid>
    </Grid>
  );
}
