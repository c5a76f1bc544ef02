import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ExemptionInput,
  ReadinessRecord,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { reliabilityApiRef } from '../../api';
import { AttestDialog } from './AttestDialog';
import { ExemptDialog } from './ExemptDialog';
import { RevokeDialog } from './RevokeDialog';

/**
 * A change to the readiness of an entity, asked for in a dialog.
 *
 * @public
 */
export type ReadinessAction =
  | {
      kind: 'attest';
      itemId: string;
      /** The item's title. */
      title: string;
      validityDays?: number;
    }
  | { kind: 'exempt-item'; itemId: string; title: string }
  | {
      kind: 'exempt-check';
      scorecardId: string;
      checkId: string;
      /** e.g. `Golden path: CI template`. */
      title: string;
    }
  | { kind: 'revoke'; record: ReadinessRecord; title: string };

/**
 * Props of {@link ReadinessActionDialog}.
 *
 * @public
 */
export interface ReadinessActionDialogProps {
  entityRef: CompoundEntityRef;
  /** The action to ask for; no dialog when not set. */
  action?: ReadinessAction;
  onClose: () => void;
  /** Called with the stored record once the backend accepted the change. */
  onDone: (record: ReadinessRecord) => void;
}

/**
 * The dialog of a readiness action (attest, exempt from an item or a
 * scorecard check, revoke), sending it to the backend. A failure (e.g. a
 * 403 for someone who does not own the entity) is shown in the dialog, which
 * stays open; on success `onDone` is called.
 *
 * @public
 */
export function ReadinessActionDialog(props: ReadinessActionDialogProps) {
  const { entityRef, action, onClose, onDone } = props;
  const api = useApi(reliabilityApiRef);
  if (!action) {
    return null;
  }
  // Sends the action with `send`, then reports the stored record.
  const submitWith =
    <TInput,>(send: (input: TInput) => Promise<ReadinessRecord>) =>
    async (input: TInput) =>
      onDone(await send(input));
  const exemptDialog = (
    key: string,
    send: (input: ExemptionInput) => Promise<ReadinessRecord>,
  ) => (
    <ExemptDialog
      key={key}
      open
      subject={action.title}
      onClose={onClose}
      onSubmit={submitWith(send)}
    />
  );

  switch (action.kind) {
    case 'attest':
      return (
        <AttestDialog
          key={`attest:${action.itemId}`}
          open
          itemTitle={action.title}
          validityDays={action.validityDays}
          onClose={onClose}
          onSubmit={submitWith(input =>
            api.attestReadinessItem(entityRef, action.itemId, input),
          )}
        />
      );
    case 'exempt-item':
      return exemptDialog(`exempt-item:${action.itemId}`, input =>
        api.exemptReadinessItem(entityRef, action.itemId, input),
      );
    case 'exempt-check':
      return exemptDialog(
        `exempt-check:${action.scorecardId}/${action.checkId}`,
        input =>
          api.exemptScorecardCheck(
            entityRef,
            action.scorecardId,
            action.checkId,
            input,
          ),
      );
    default:
      return (
        <RevokeDialog
          key={`revoke:${action.record.id}`}
          open
          recordType={action.record.type}
          subject={action.title}
          onClose={onClose}
          onSubmit={submitWith(input =>
            api.revokeReadinessRecord(entityRef, action.record.id, input),
          )}
        />
      );
  }
}
