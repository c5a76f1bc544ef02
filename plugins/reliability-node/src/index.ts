/**
 * Extension points and provider interfaces of the Reliability Kit backend.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './PagingProvider';
export * from './readTierModel';
export * from './SloMetricsProvider';
