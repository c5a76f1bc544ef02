export * from './createSloSnapshot';
export * from './createAlertQuality';
export * from './mockRecharts';
export * from './createReadiness';
export * from './createIncidents';
export * from './createCampaigns';
