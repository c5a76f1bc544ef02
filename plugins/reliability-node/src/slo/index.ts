export { DEFAULT_SLO_FILE_MAX_BYTES } from './loadYamlDocuments';
export * from './parseSloFiles';
export * from './generateSlothRules';
