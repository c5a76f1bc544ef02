export { ReadinessChecklist } from './ReadinessChecklist';
export type { ReadinessChecklistProps } from './ReadinessChecklist';
