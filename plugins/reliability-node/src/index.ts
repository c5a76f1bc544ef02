/**
 * Extension points and provider interfaces of the Reliability Kit backend,
 * and the backend-only parsers and evaluators adopters may reuse: SLO specs in
 * OpenSLO and Sloth form, Sloth rule generation, and the check language with
 * readiness and scorecard evaluation.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './PagingProvider';
export * from './readTierModel';
export * from './SloMetricsProvider';
export * from './slo';
export * from './checks';
export * from './incidents';
