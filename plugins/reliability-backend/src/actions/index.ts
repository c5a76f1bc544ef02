export { registerReliabilityActions } from './registerReliabilityActions';
export type { ReliabilityActionsOptions } from './types';
