/**
 * What the Reliability Kit frontend and backend share: API types,
 * permissions, annotation and label names, the tier model, the SLO status
 * order, ISO weeks and the pure reliability math the frontend shows.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './isoWeek';
export * from './api';
export * from './permissions';
export * from './tiers';
export * from './slo';
export * from './alertQuality';
export * from './incidents';
export * from './campaigns';
