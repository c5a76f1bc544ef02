export { StateIndicator } from './StateIndicator';
export type { StateIndicatorProps, StateTone } from './StateIndicator';
