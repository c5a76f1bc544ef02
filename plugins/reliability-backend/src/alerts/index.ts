export * from './alertRunToIncident';
export * from './AlertsHistoryPagingProvider';
export * from './loadEntityAlertRules';
export * from './parseAlertSelector';
export * from './reconstructAlertRuns';
export * from './selectAlertRules';
