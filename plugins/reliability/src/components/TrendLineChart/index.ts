export { TrendLineChart, toChartPercent } from './TrendLineChart';
export type { TrendLineChartProps } from './TrendLineChart';
