/**
 * The Reliability Kit backend plugin.
 *
 * @packageDocumentation
 */

export { reliabilityPlugin as default } from './plugin';
export * from './database/ReliabilityStore';
