export * from './types';
export * from './records';
export * from './businessDays';
export * from './severity';
export * from './incidentKpis';
export * from './assessIncidents';
export * from './impactStart';
