import { RevokeInput } from '@reliability-kit/backstage-plugin-reliability-common';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { FormDialog } from './FormDialog';
import { READINESS_LIMITS, toRevokeInput } from './readinessForms';

/**
 * Props of {@link RevokeDialog}.
 *
 * @public
 */
export interface RevokeDialogProps {
  open: boolean;
  /** What is revoked. */
  recordType: 'attestation' | 'exemption';
  /** What it is about: a readiness item or a scorecard check. */
  subject: string;
  /** Sends the revocation; a rejection is shown in the dialog. */
  onSubmit: (input: RevokeInput) => Promise<void>;
  onClose: () => void;
}

/**
 * A dialog to confirm the revocation of an attestation or an exemption, with
 * an optional reason.
 *
 * @public
 */
export function RevokeDialog(props: RevokeDialogProps) {
  const { open, recordType, subject, onSubmit, onClose } = props;
  const [reason, setReason] = useState('');
  const tooLong = reason.trim().length > READINESS_LIMITS.textMaxLength;

  const submit = async () => {
    if (tooLong) {
      return;
    }
    await onSubmit(toRevokeInput(reason));
  };

  return (
    <FormDialog
      id="revoke-dialog"
      open={open}
      title={`Revoke the ${recordType}?`}
      subject={`${subject}: the entity is evaluated again without it.`}
      submitLabel="Revoke"
      danger
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        id="revoke-reason"
        label="Reason"
        value={reason}
        onChange={event => setReason(event.target.value)}
        error={tooLong}
        helperText={
          tooLong
            ? `At most ${READINESS_LIMITS.textMaxLength} characters`
            : 'Optional'
        }
        multiline
        minRows={2}
        fullWidth
      />
    </FormDialog>
  );
}
