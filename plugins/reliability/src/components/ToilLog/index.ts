export { ToilLog } from './ToilLog';
export type { ToilLogProps } from './ToilLog';
export { ToilItemDialog } from './ToilItemDialog';
export type { ToilItemDialogProps } from './ToilItemDialog';
