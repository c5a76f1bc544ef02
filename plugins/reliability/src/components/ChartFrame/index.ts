export { ChartFrame, ChartNote } from './ChartFrame';
export type { ChartFrameProps } from './ChartFrame';
export { HistoryChartFrame } from './HistoryChartFrame';
export type { HistoryChartFrameProps } from './HistoryChartFrame';
