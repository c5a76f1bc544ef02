export { ChartFrame, ChartNote } from './ChartFrame';
export type { ChartFrameProps } from './ChartFrame';
export { HistoryChartFrame } from './HistoryChartFrame';
export type { HistoryChartFrameProps } from './HistoryChartFrame';
export { BarSeriesChart } from './BarSeriesChart';
export type { BarSeries, BarSeriesChartProps } from './BarSeriesChart';
