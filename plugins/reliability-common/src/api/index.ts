export * from './types';
export * from './slo';
