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
import type { TooltipProps, XAxisProps, YAxisProps } from 'recharts';

/** One series of a {@link BarSeriesChart}: a bar per row. */
export interface BarSeries {
  /** The key of the series' value in a row. */
  dataKey: string;
  /** The name in the legend and tooltip. */
  name: string;
  /** The colour of the bars. */
  fill: string;
}

/** Props of {@link BarSeriesChart}. */
export interface BarSeriesChartProps {
  /** The rows, one a category (a day, a statistic, a group). */
  rows: object[];
  /** The key of a row's category. */
  categoryKey: string;
  /** The series, drawn in this order (bottom first when stacked). */
  series: BarSeries[];
  /** Chart height in pixels. */
  height: number;
  /** Stacks the series into one bar a category; default side by side. */
  stacked?: boolean;
  /** Categories down the side (bars across); default along the bottom. */
  horizontalBars?: boolean;
  margin?: { top?: number; right?: number; bottom?: number; left?: number };
  /** More props of the category axis, e.g. its tick format. */
  categoryAxis?: Omit<XAxisProps & YAxisProps, 'ref'>;
  /** More props of the value axis, e.g. its ticks. */
  valueAxis?: Omit<XAxisProps & YAxisProps, 'ref'>;
  /** The tooltip's label and value formats. */
  tooltip?: Pick<TooltipProps<any, any>, 'labelFormatter' | 'formatter'>;
}

/**
 * A bar chart of one or more series over categories, with a grid along the
 * values, a tooltip and a legend; bars are drawn without animation.
 */
export function BarSeriesChart(props: BarSeriesChartProps) {
  const { categoryKey, horizontalBars = false } = props;
  const categoryAxis = {
    dataKey: categoryKey,
    ...(horizontalBars ? { type: 'category' as const } : {}),
    ...props.categoryAxis,
  };
  const valueAxis = {
    ...(horizontalBars ? { type: 'number' as const } : {}),
    ...props.valueAxis,
  };
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      <BarChart
        data={props.rows}
        layout={horizontalBars ? 'vertical' : 'horizontal'}
        margin={props.margin}
      >
        <CartesianGrid
          strokeDasharray="3 3"
          vertical={horizontalBars}
          horizontal={!horizontalBars}
        />
        <XAxis {...(horizontalBars ? valueAxis : categoryAxis)} />
        <YAxis {...(horizontalBars ? categoryAxis : valueAxis)} />
        <Tooltip {...props.tooltip} />
        <Legend />
        {props.series.map(series => (
          <Bar
            key={series.dataKey}
            dataKey={series.dataKey}
            name={series.name}
            fill={series.fill}
            stackId={props.stacked ? 'stack' : undefined}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
