export * from './types';
export * from './slo';
export * from './alertQuality';
export * from './fleet';
export * from './readiness';
export * from './policy';
export * from './incidents';
export * from './campaigns';
