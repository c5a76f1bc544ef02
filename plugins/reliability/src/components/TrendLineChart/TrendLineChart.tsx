import { ReactNode } from 'react';
import {
  CartesianGrid,
  Legend,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCalendarDate } from '../format';

/** A fraction as a percentage for a chart, with one decimal: 0.7543 is 75.4. */
export function toChartPercent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}

/** Props of {@link TrendLineChart}. */
export interface TrendLineChartProps {
  /** The points, one a day or a week, in order. */
  rows: object[];
  /** The key of a row's `YYYY-MM-DD` date. */
  dateKey: string;
  /** A y axis of percentages from 0 to 100; otherwise of whole numbers. */
  percent?: boolean;
  /** The tooltip's title of a date, e.g. `Week of Jan 5`; default `Jan 5`. */
  formatDate?: (date: string) => string;
  /** The tooltip's text of a value; default the value itself. */
  formatValue?: (value: unknown) => string;
  /** The smallest gap between the date ticks, in pixels. */
  minTickGap?: number;
  legend?: boolean;
  /** The lines, as `Line` elements. */
  children: ReactNode;
}

/** A line chart over calendar days or weeks, 240 pixels high. */
export function TrendLineChart(props: TrendLineChartProps) {
  const { percent, formatDate = formatCalendarDate } = props;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={props.rows}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey={props.dateKey}
          tickFormatter={formatCalendarDate}
          minTickGap={props.minTickGap}
        />
        {percent ? (
          <YAxis domain={[0, 100]} unit="%" />
        ) : (
          <YAxis allowDecimals={false} />
        )}
        <Tooltip
          labelFormatter={label => formatDate(String(label))}
          formatter={props.formatValue}
        />
        {props.legend && <Legend />}
        {props.children}
      </LineChart>
    </ResponsiveContainer>
  );
}
