export { ReliabilityOverviewPage } from './ReliabilityOverviewPage';
export type { ReliabilityOverviewPageProps } from './ReliabilityOverviewPage';
