export { EntityOnCallHealthCard } from './EntityOnCallHealthCard';
export type { EntityOnCallHealthCardProps } from './EntityOnCallHealthCard';
