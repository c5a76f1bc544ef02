export { EntityCard, ProblemsNotice, useEntityCardStyles } from './EntityCard';
export type { EntityCardProps, ProblemsNoticeProps } from './EntityCard';
export { DemoChip } from './DemoChip';
export type { DemoChipProps } from './DemoChip';
