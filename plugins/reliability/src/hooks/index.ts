export { useEntityReliability } from './useEntityReliability';
export { useEntityAlertQuality } from './useEntityAlertQuality';
