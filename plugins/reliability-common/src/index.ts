/**
 * Types, models, parsers, pure reliability math and permissions shared by the
 * Reliability Kit plugins.
 *
 * @packageDocumentation
 */

export * from './api';
export * from './permissions';
export * from './tiers';
export * from './slo';
export * from './alertQuality';
export * from './checks';
