export { useEntityReliability } from './useEntityReliability';
export { useEntityAlertQuality } from './useEntityAlertQuality';
export { useFormFields } from './useFormFields';
