import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useMemo } from 'react';
import { useFormFields } from '../../hooks';
import {
  ExpiryDateField,
  FormDialog,
  submitChecked,
} from '../ReadinessDialogs/FormDialog';
import {
  FormErrors,
  exemptionDates,
  validateExemption,
} from '../ReadinessDialogs/readinessForms';

/** The body of a new exception (`POST .../policy/exceptions`). */
export interface PolicyExceptionInput {
  kind: string;
  reason: string;
  expiresAt: string;
}

/** The fields of the exception form, as typed. */
export interface PolicyExceptionFormValues {
  kind: string;
  reason: string;
  /** `YYYY-MM-DD`. */
  expiresOn: string;
}

/**
 * Checks the exception form as the backend does (a configured kind, a
 * reason of 3 to 2,000 characters, an expiry after today and at most
 * `maxDays` ahead) and turns it into the request body; the expiry is the
 * end of the chosen day.
 */
export function validatePolicyException(
  values: PolicyExceptionFormValues,
  options: { kinds: string[]; maxDays: number; now?: Date },
): {
  input?: PolicyExceptionInput;
  errors: FormErrors<PolicyExceptionFormValues>;
} {
  const { input, errors } = validateExemption(values, {
    now: options.now,
    maxDays: options.maxDays,
    required: {
      reason: 'Say why deploys must go ahead despite the policy',
      expiresOn: 'Exceptions expire: pick a date',
    },
  });
  if (!options.kinds.includes(values.kind)) {
    return { errors: { ...errors, kind: 'Pick the kind of exception' } };
  }
  return input
    ? { input: { kind: values.kind, ...input }, errors }
    : { errors };
}

/** Props of {@link PolicyExceptionDialog}. */
export interface PolicyExceptionDialogProps {
  open: boolean;
  /** The configured exception kinds. */
  kinds: string[];
  /** How far ahead an exception may expire. */
  maxDays: number;
  /** Sends the exception; a rejection is shown in the dialog. */
  onSubmit: (input: PolicyExceptionInput) => Promise<void>;
  onClose: () => void;
}

/**
 * A dialog to grant an exception to an entity's error-budget policy: its
 * kind, a reason and an expiry, all required.
 */
export function PolicyExceptionDialog(props: PolicyExceptionDialogProps) {
  const { open, kinds, maxDays, onSubmit, onClose } = props;
  const dates = useMemo(() => exemptionDates(new Date(), maxDays), [maxDays]);
  const { field, validate } = useFormFields<PolicyExceptionFormValues>({
    kind: kinds.length === 1 ? kinds[0] : '',
    reason: '',
    expiresOn: '',
  });

  const submit = submitChecked(
    () =>
      validate(values => validatePolicyException(values, { kinds, maxDays })),
    onSubmit,
  );

  return (
    <FormDialog
      id="policy-exception-dialog"
      open={open}
      title="Grant an exception to the error-budget policy"
      subject="Deploys are allowed despite the policy state until the exception expires or is revoked."
      submitLabel="Grant"
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        id="policy-exception-kind"
        label="Kind"
        select
        {...field('kind', 'What kind of change or cause it is for')}
        required
        fullWidth
      >
        {kinds.map(k => (
          <MenuItem key={k} value={k}>
            {k}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="policy-exception-reason"
        label="Reason"
        {...field('reason', 'Shown to everyone and kept in the history')}
        required
        multiline
        minRows={2}
        fullWidth
      />
      <ExpiryDateField
        id="policy-exception-expires-on"
        dates={dates}
        {...field(
          'expiresOn',
          `Exceptions always expire, at most ${maxDays} days ahead`,
        )}
        required
      />
    </FormDialog>
  );
}
