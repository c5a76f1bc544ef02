import { EntityIncidentsResponse } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame } from '../ChartFrame';

/** Props of {@link SevPerMonthChart}. */
export interface SevPerMonthChartProps {
  monthly: EntityIncidentsResponse['monthly'];
  /** The configured severities, most severe first. */
  severities: string[];
  height?: number;
}

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });

/**
 * The incidents of each calendar month (UTC) of the last 12 by severity, as
 * stacked bars; incidents without a severity are not shown.
 */
export function SevPerMonthChart(props: SevPerMonthChartProps) {
  const { monthly, severities, height = 240 } = props;
  const theme = useTheme();
  const palette = [
    theme.palette.error.dark,
    theme.palette.error.main,
    theme.palette.warning.main,
    theme.palette.info.main,
    theme.palette.grey[500],
  ];
  const data = monthly.map(m => ({ month: m.month, ...m.counts }));
  const total = monthly.reduce(
    (sum, m) =>
      sum + severities.reduce((s, sev) => s + (m.counts[sev] ?? 0), 0),
    0,
  );
  return (
    <ChartFrame
      data-testid="sev-per-month-chart"
      data-months={monthly.length}
      data-incidents={total}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthLabel} />
          <YAxis width={40} allowDecimals={false} />
          <Tooltip labelFormatter={(m: unknown) => monthLabel(String(m))} />
          <Legend />
          {severities.map((severity, i) => (
            <Bar
              key={severity}
              dataKey={severity}
              name={severity}
              stackId="incidents"
              fill={palette[Math.min(i, palette.length - 1)]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <Typography variant="caption" color="textSecondary">
        {total === 0 ? 'No incidents with a severity in 12 months. ' : ''}
        Calendar months in UTC, by when the incident was created.
      </Typography>
    </ChartFrame>
  );
}
