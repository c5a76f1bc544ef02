export { EntityAlertQualityContent } from './EntityAlertQualityContent';
export type { EntityAlertQualityContentProps } from './EntityAlertQualityContent';
