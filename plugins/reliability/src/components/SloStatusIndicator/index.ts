export { SloStatusIndicator } from './SloStatusIndicator';
export type { SloStatusIndicatorProps } from './SloStatusIndicator';
