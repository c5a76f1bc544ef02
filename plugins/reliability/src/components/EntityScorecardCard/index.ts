export { EntityScorecardCard } from './EntityScorecardCard';
export type { EntityScorecardCardProps } from './EntityScorecardCard';
