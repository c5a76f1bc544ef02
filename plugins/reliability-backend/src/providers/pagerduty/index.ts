export * from './getPagingServiceRef';
export * from './listInTimeRange';
export * from './PagerDutyClient';
export * from './PagerDutyPagingProvider';
export * from './PagerDutyRequestError';
export * from './readPagerDutyAccounts';
