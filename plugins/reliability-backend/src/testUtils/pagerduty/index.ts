export { PagerDutyDouble } from './PagerDutyDouble';
export type {
  DoubleFault,
  DoubleIncident,
  DoubleIncidentInput,
  DoubleIncidentStatus,
  DoubleLogEntry,
  DoubleLogEntryType,
  DoubleOnCall,
  DoubleRequestLogEntry,
  DoubleService,
  PagerDutyDoubleOptions,
} from './types';
export {
  populatePagerDutyDouble,
  seededRandom,
} from './populatePagerDutyDouble';
export type {
  PagerDutyDataset,
  PagerDutyDatasetOptions,
} from './populatePagerDutyDouble';
