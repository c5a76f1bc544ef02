export * from './campaignTime';
export * from './campaignStatus';
