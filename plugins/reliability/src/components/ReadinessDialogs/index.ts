export { AttestDialog } from './AttestDialog';
export type { AttestDialogProps } from './AttestDialog';
export { ExemptDialog } from './ExemptDialog';
export type { ExemptDialogProps } from './ExemptDialog';
export { RevokeDialog } from './RevokeDialog';
export type { RevokeDialogProps } from './RevokeDialog';
export { ReadinessActionDialog } from './ReadinessActionDialog';
export type {
  ReadinessAction,
  ReadinessActionDialogProps,
} from './ReadinessActionDialog';
