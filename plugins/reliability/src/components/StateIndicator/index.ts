export { StateIndicator } from './StateIndicator';
export type { StateIndicatorProps, StateTone } from './StateIndicator';
export { ToneLabel } from './ToneLabel';
export type { ToneLabelProps } from './ToneLabel';
