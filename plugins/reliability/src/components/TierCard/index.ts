export { TierCard } from './TierCard';
export type { TierCardProps } from './TierCard';
