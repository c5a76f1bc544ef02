export { EntitySloSummaryCard } from './EntitySloSummaryCard';
export type { EntitySloSummaryCardProps } from './EntitySloSummaryCard';
