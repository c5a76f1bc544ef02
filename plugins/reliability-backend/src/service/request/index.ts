export * from './requestInput';
export * from './entityConditionFilter';
export * from './entityVisibility';
export * from './idempotency';
export * from './createEntityResolver';
export * from './requirePermission';
export * from './permissionDecisionCache';
