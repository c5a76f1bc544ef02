export {
  useEntityReliability,
  readinessSectionOf,
  scorecardsSectionOf,
} from './useEntityReliability';
export { useEntityAlertQuality } from './useEntityAlertQuality';
export { useFormFields } from './useFormFields';
