import { AttestationInput } from '@reliability-kit/backstage-plugin-reliability-common';
import TextField from '@material-ui/core/TextField';
import { useMemo } from 'react';
import { useFormFields } from '../../hooks';
import { formatDate } from '../format';
import { ExpiryDateField, FormDialog, submitChecked } from './FormDialog';
import {
  AttestationFormValues,
  attestationDates,
  endOfLocalDay,
  validateAttestation,
} from './readinessForms';

/**
 * Props of {@link AttestDialog}.
 *
 * @public
 */
export interface AttestDialogProps {
  open: boolean;
  /** The title of the readiness item. */
  itemTitle: string;
  /** How long an attestation of the item holds; the default expiry. */
  validityDays?: number;
  /** Sends the attestation; a rejection is shown in the dialog. */
  onSubmit: (input: AttestationInput) => Promise<void>;
  onClose: () => void;
}

/**
 * A dialog to attest a readiness item: an evidence URL (required, http or
 * https), a comment, and the expiry, today + the item's validity unless
 * changed.
 *
 * @public
 */
export function AttestDialog(props: AttestDialogProps) {
  const { open, itemTitle, validityDays, onSubmit, onClose } = props;
  const dates = useMemo(() => attestationDates(validityDays), [validityDays]);
  const { field, validate } = useFormFields<AttestationFormValues>({
    evidenceUrl: '',
    comment: '',
    expiresOn: dates.defaultValue,
  });

  const submit = submitChecked(
    () => validate(values => validateAttestation(values, { validityDays })),
    onSubmit,
  );

  let expiryHelp = 'Empty: the attestation does not expire';
  if (validityDays) {
    expiryHelp = `Attestations of this item hold ${validityDays} days: by default until ${formatDate(
      endOfLocalDay(dates.defaultValue),
    )}`;
  }

  return (
    <FormDialog
      id="attest-dialog"
      open={open}
      title="Attest"
      subject={itemTitle}
      submitLabel="Attest"
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        id="attest-evidence-url"
        label="Evidence URL"
        {...field(
          'evidenceUrl',
          'A link to the evidence: the drill report, the runbook, the test run',
        )}
        placeholder="https://"
        required
        fullWidth
      />
      <TextField
        id="attest-comment"
        label="Comment"
        {...field('comment')}
        multiline
        minRows={2}
        fullWidth
      />
      <ExpiryDateField
        id="attest-expires-on"
        dates={dates}
        {...field('expiresOn', expiryHelp)}
      />
    </FormDialog>
  );
}
