/**
 * The Reliability Kit frontend plugin: entity tabs and cards for tiers, SLOs,
 * alert quality, readiness and scorecards.
 *
 * @packageDocumentation
 */

export {
  reliabilityPlugin,
  EntityReliabilityContent,
  rootRouteRef,
} from './plugin';
export * from './api';
export { TierCard } from './components/TierCard';
export type { TierCardProps } from './components/TierCard';
