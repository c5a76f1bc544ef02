export * from './filters';
export { EntityTierPicker } from './EntityTierPicker';
export type { EntityTierPickerProps } from './EntityTierPicker';
export { EntitySloStatusPicker } from './EntitySloStatusPicker';
export type { EntitySloStatusPickerProps } from './EntitySloStatusPicker';
export { reliabilityColumns } from './columns';
