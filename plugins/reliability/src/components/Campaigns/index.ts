export { CampaignsPage } from './CampaignsPage';
export type { CampaignsPageProps } from './CampaignsPage';
export { EntityCampaignsCard } from './EntityCampaignsCard';
export type { EntityCampaignsCardProps } from './EntityCampaignsCard';
