export { EntityCard, ProblemsNotice, useEntityCardStyles } from './EntityCard';
export type { EntityCardProps, ProblemsNoticeProps } from './EntityCard';
