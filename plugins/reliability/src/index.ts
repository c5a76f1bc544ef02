/**
 * The Reliability Kit frontend plugin: entity tabs and cards for tiers, SLOs,
 * alert quality, readiness and scorecards.
 *
 * @packageDocumentation
 */

export {
  reliabilityPlugin,
  EntityReliabilityContent,
  EntitySloSummaryCard,
  rootRouteRef,
} from './plugin';
export * from './api';
export { TierCard } from './components/TierCard';
export type { TierCardProps } from './components/TierCard';
export type { EntitySloSummaryCardProps } from './components/EntitySloSummaryCard';
export { SloCard } from './components/SloCard';
export type { SloCardProps } from './components/SloCard';
export { SloStatusIndicator } from './components/SloStatusIndicator';
export type { SloStatusIndicatorProps } from './components/SloStatusIndicator';
