/**
 * The catalog backend module of Reliability Kit.
 *
 * @packageDocumentation
 */

export { catalogModuleReliabilityLabels as default } from './module';
export {
  ReliabilityLabelsProcessor,
  SloStatusCache,
  SLO_STATUS_LABEL,
  TIER_LABEL,
} from './ReliabilityLabelsProcessor';
