export * from './createSloSnapshot';
export * from './mockRecharts';
