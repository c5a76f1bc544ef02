/**
 * The catalog backend module of Reliability Kit.
 *
 * @packageDocumentation
 */

export { catalogModuleReliabilityLabels as default } from './module';
export {
  ReliabilityLabelsProcessor,
  SloStatusCache,
} from './ReliabilityLabelsProcessor';
