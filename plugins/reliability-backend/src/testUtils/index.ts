/**
 * Test utilities of the Reliability Kit backend, for adopters' tests and
 * benchmarks: a local HTTP double of the PagerDuty REST API v2 that the
 * PagerDuty paging provider (and anything else speaking that API) can be
 * pointed at, and a generator of deterministic synthetic accounts for it.
 *
 * Import them from `@reliability-kit/backstage-plugin-reliability-backend/testUtils`;
 * they are never part of the main entry point.
 *
 * @packageDocumentation
 */

export * from './pagerduty';
