import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField, { StandardTextFieldProps } from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, ReactNode, useState } from 'react';
import { formatErrorMessage } from '../format';

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  error: { marginBottom: theme.spacing(2) },
  subject: { marginBottom: theme.spacing(2) },
}));

/** Props of {@link FormDialog}. */
export interface FormDialogProps {
  id: string;
  open: boolean;
  title: string;
  /** What the dialog is about, e.g. the item's title. */
  subject?: ReactNode;
  submitLabel: string;
  /** Destructive actions get a red submit button. */
  danger?: boolean;
  /**
   * Checks the form and sends it (nothing when the form is invalid). A
   * rejection is shown in the dialog, which stays open.
   */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A dialog around a form: the backend's error message (e.g. a 403) is shown
 * above the fields and the dialog stays open; while sending, it cannot be
 * closed.
 */
export function FormDialog(props: FormDialogProps) {
  const { id, open, title, subject, submitLabel, danger, onClose } = props;
  const classes = useStyles();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSubmitError(undefined);
    try {
      await props.onSubmit();
    } catch (error) {
      setSubmitError(formatErrorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="sm"
    >
      <form noValidate onSubmit={submit} data-testid={`${id}-form`}>
        <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
        <DialogContent>
          {subject && (
            <Typography
              variant="body2"
              color="textSecondary"
              className={classes.subject}
            >
              {subject}
            </Typography>
          )}
          {submitError && (
            <Alert
              severity="error"
              className={classes.error}
              data-testid={`${id}-submit-error`}
            >
              {submitError}
            </Alert>
          )}
          <div className={classes.fields}>{props.children}</div>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button
            type="submit"
            color={danger ? 'secondary' : 'primary'}
            variant="contained"
            disabled={saving}
            data-testid={`${id}-submit`}
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * The `onSubmit` of a {@link FormDialog} whose form is checked first: sends
 * the checked input, or nothing when `check` finds the form invalid.
 */
export function submitChecked<TInput>(
  check: () => TInput | undefined,
  send: (input: TInput) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const input = check();
    if (input) {
      await send(input);
    }
  };
}

/** Props of {@link ExpiryDateField}. */
export interface ExpiryDateFieldProps
  extends Omit<StandardTextFieldProps, 'label' | 'type'> {
  id: string;
  /** The first and the last day (if any) that can be picked, `YYYY-MM-DD`. */
  dates: { min: string; max?: string };
}

/** The `Expires on` date field of a form, between two days. */
export function ExpiryDateField(props: ExpiryDateFieldProps) {
  const { dates, ...field } = props;
  return (
    <TextField
      label="Expires on"
      type="date"
      {...field}
      InputLabelProps={{ shrink: true }}
      inputProps={{ min: dates.min, max: dates.max }}
    />
  );
}
