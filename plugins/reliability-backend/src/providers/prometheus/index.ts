export * from './chooseStep';
export * from './LabelMatcher';
export * from './parsePromValue';
export * from './PrometheusClient';
export * from './PrometheusQueryError';
export * from './readPrometheusInstances';
export * from './types';
