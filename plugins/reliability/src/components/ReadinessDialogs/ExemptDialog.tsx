import { ExemptionInput } from '@reliability-kit/backstage-plugin-reliability-common';
import TextField from '@material-ui/core/TextField';
import { useMemo } from 'react';
import { useFormFields } from '../../hooks';
import { ExpiryDateField, FormDialog, submitChecked } from './FormDialog';
import {
  ExemptionFormValues,
  READINESS_LIMITS,
  exemptionDates,
  validateExemption,
} from './readinessForms';

/**
 * Props of {@link ExemptDialog}.
 *
 * @public
 */
export interface ExemptDialogProps {
  open: boolean;
  /** What the exemption is from: a readiness item or a scorecard check. */
  subject: string;
  /** Sends the exemption; a rejection is shown in the dialog. */
  onSubmit: (input: ExemptionInput) => Promise<void>;
  onClose: () => void;
}

/**
 * A dialog to exempt an entity from a readiness item or a scorecard check:
 * a reason and an expiry, both required, the expiry at most a year ahead.
 *
 * @public
 */
export function ExemptDialog(props: ExemptDialogProps) {
  const { open, subject, onSubmit, onClose } = props;
  const dates = useMemo(() => exemptionDates(), []);
  const { field, validate } = useFormFields<ExemptionFormValues>({
    reason: '',
    expiresOn: '',
  });

  const submit = submitChecked(() => validate(validateExemption), onSubmit);

  return (
    <FormDialog
      id="exempt-dialog"
      open={open}
      title="Exempt"
      subject={subject}
      submitLabel="Exempt"
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        id="exempt-reason"
        label="Reason"
        {...field(
          'reason',
          'Why this does not apply or cannot be done now; shown to everyone',
        )}
        required
        multiline
        minRows={2}
        fullWidth
      />
      <ExpiryDateField
        id="exempt-expires-on"
        dates={dates}
        {...field(
          'expiresOn',
          `Exemptions always expire, at most ${READINESS_LIMITS.maxExemptionDays} days ahead`,
        )}
        required
      />
    </FormDialog>
  );
}
