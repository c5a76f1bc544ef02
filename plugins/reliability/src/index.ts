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
  EntityAlertQualityContent,
  EntityIncidentsContent,
  EntityOnCallHealthCard,
  ReliabilityOverviewPage,
  EntityScorecardCard,
  ScorecardOverviewPage,
  CampaignsPage,
  EntityCampaignsCard,
  rootRouteRef,
  campaignsRouteRef,
  overviewRouteRef,
  scorecardsRouteRef,
} from './plugin';
export type { ReliabilityOverviewPageProps } from './components/ReliabilityOverviewPage';
export type { EntityScorecardCardProps } from './components/EntityScorecardCard';
export type { ScorecardOverviewPageProps } from './components/ScorecardOverviewPage';
export type {
  CampaignsPageProps,
  EntityCampaignsCardProps,
} from './components/Campaigns';
export { ReadinessChecklist } from './components/ReadinessChecklist';
export type { ReadinessChecklistProps } from './components/ReadinessChecklist';
export * from './api';
export { TierCard } from './components/TierCard';
export type { TierCardProps } from './components/TierCard';
export type { EntitySloSummaryCardProps } from './components/EntitySloSummaryCard';
export { SloCard } from './components/SloCard';
export type { SloCardProps } from './components/SloCard';
export { SloStatusIndicator } from './components/SloStatusIndicator';
export type { SloStatusIndicatorProps } from './components/SloStatusIndicator';
export type { EntityAlertQualityContentProps } from './components/EntityAlertQualityContent';
export type { EntityIncidentsContentProps } from './components/Incidents';
export type { EntityOnCallHealthCardProps } from './components/EntityOnCallHealthCard';
export { TrendFigure } from './components/TrendFigure';
export type { TrendFigureProps } from './components/TrendFigure';
export { DEFINITION_ANCHORS } from './components/DefinitionLink';
export type { DefinitionAnchor } from './components/DefinitionLink';
export {
  EntityTierPicker,
  EntitySloStatusPicker,
  EntityTierFilter,
  EntitySloStatusFilter,
  TIER_LABEL,
  SLO_STATUS_LABEL,
  SLO_STATUS_FILTER_VALUES,
  reliabilityColumns,
} from './components/CatalogFilters';
export type {
  EntityTierPickerProps,
  EntitySloStatusPickerProps,
  ReliabilityEntityFilters,
} from './components/CatalogFilters';
