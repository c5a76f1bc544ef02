import { DailyPageCount } from '@reliability-kit/backstage-plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { BarSeriesChart, ChartFrame, ChartNote } from '../ChartFrame';
import { formatCalendarDate } from '../format';

/**
 * Props of {@link PagesPerDayChart}.
 *
 * @public
 */
export interface PagesPerDayChartProps {
  days: DailyPageCount[];
  /** The team's time zone the days are in, e.g. `Europe/Berlin`. */
  timeZone?: string;
  /** Chart height in pixels; default 240. */
  height?: number;
}

/**
 * The pages of each day of the window as stacked bars: pages in business
 * hours, off hours (outside business hours, not in sleep hours) and sleep
 * hours.
 *
 * @public
 */
export function PagesPerDayChart(props: PagesPerDayChartProps) {
  const { days, timeZone, height = 240 } = props;
  const { info, warning, error } = useTheme().palette;
  const total = days.reduce((sum, day) => sum + day.total, 0);

  let content;
  if (days.length === 0) {
    content = <ChartNote>No days in the window.</ChartNote>;
  } else {
    content = (
      <>
        <BarSeriesChart
          rows={days}
          categoryKey="date"
          series={[
            { dataKey: 'business', name: 'Business hours', fill: info.main },
            { dataKey: 'off', name: 'Off hours', fill: warning.main },
            { dataKey: 'sleep', name: 'Sleep hours', fill: error.main },
          ]}
          stacked
          height={height}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
          categoryAxis={{
            tickFormatter: (date: string) => formatCalendarDate(date),
            // At most about 10 day labels: every day of 7, every 3rd of 28.
            interval: Math.max(0, Math.ceil(days.length / 10) - 1),
          }}
          valueAxis={{ width: 40, allowDecimals: false }}
          tooltip={{
            labelFormatter: (date: unknown) => formatCalendarDate(String(date)),
          }}
        />
        <Typography variant="caption" color="textSecondary">
          {total === 0 ? 'No pages in this window. ' : ''}
          Days{timeZone ? ` and hours in ${timeZone}` : ''}; off hours are
          outside business hours but not in sleep hours.
        </Typography>
      </>
    );
  }

  return (
    <ChartFrame
      data-testid="pages-per-day-chart"
      data-days={days.length}
      data-pages={total}
    >
      {content}
    </ChartFrame>
  );
}
