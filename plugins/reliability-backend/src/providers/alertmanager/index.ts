export * from './AlertmanagerClient';
export * from './formatAlertmanagerMatcher';
export * from './readAlertmanagerInstances';
export * from './types';
