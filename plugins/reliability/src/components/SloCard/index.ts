export { SloCard } from './SloCard';
export type { SloCardProps } from './SloCard';
export { SloBurnDownChart } from './SloBurnDownChart';
export type { SloBurnDownChartProps } from './SloBurnDownChart';
export { SloBurnRateTable } from './SloBurnRateTable';
export type { SloBurnRateTableProps } from './SloBurnRateTable';
