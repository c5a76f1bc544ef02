export { SectionNotices } from './SectionNotices';
export type { SectionNoticesProps } from './SectionNotices';
export { ProblemsPanel } from './ProblemsPanel';
export type { ProblemsPanelProps } from './ProblemsPanel';
export { StaleDataPanel } from './StaleDataPanel';
export type { StaleDataPanelProps } from './StaleDataPanel';
