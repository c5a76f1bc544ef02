export * from './types';
export * from './defaultTiers';
export * from './readEntityTier';
export * from './validateTierModel';
