import {
  StoredToilItem,
  ToilItemInput,
} from '@reliability-kit/backstage-plugin-reliability-common';
import TextField from '@material-ui/core/TextField';
import { formatHours } from '../format';
import { FormDialog, submitChecked } from '../ReadinessDialogs/FormDialog';
import { useFormFields } from '../../hooks';
import {
  TOIL_ITEM_LIMITS,
  ToilItemFormValues,
  validateToilItem,
} from './validateToilItem';

/**
 * Props of {@link ToilItemDialog}.
 *
 * @public
 */
export interface ToilItemDialogProps {
  open: boolean;
  /** The item to edit; a new item when not set. */
  item?: StoredToilItem;
  /** Saves the item; a rejection is shown in the dialog, which stays open. */
  onSubmit: (input: ToilItemInput) => Promise<void>;
  onClose: () => void;
}

function valuesOf(item?: StoredToilItem): ToilItemFormValues {
  return {
    task: item?.task ?? '',
    minutesPerOccurrence: item ? String(item.minutesPerOccurrence) : '',
    occurrencesPerWeek: item ? String(item.occurrencesPerWeek) : '',
    owner: item?.owner ?? '',
  };
}

/**
 * A dialog to add or edit a toil item: the task, how long it takes, how
 * often it occurs and the owning team. The form is checked as the backend
 * checks it before it is sent; the backend's own errors are shown too.
 *
 * @public
 */
export function ToilItemDialog(props: ToilItemDialogProps) {
  const { open, item, onSubmit, onClose } = props;
  const { values, field, validate } = useFormFields<ToilItemFormValues>(() =>
    valuesOf(item),
  );

  const preview = (() => {
    const minutes = Number(values.minutesPerOccurrence);
    const times = Number(values.occurrencesPerWeek);
    if (
      values.minutesPerOccurrence.trim() === '' ||
      values.occurrencesPerWeek.trim() === '' ||
      !Number.isFinite(minutes * times) ||
      minutes <= 0 ||
      times < 0
    ) {
      return undefined;
    }
    return formatHours((minutes * times) / 60);
  })();

  const submit = submitChecked(() => validate(validateToilItem), onSubmit);

  return (
    <FormDialog
      id="toil-item"
      open={open}
      title={item ? 'Edit toil' : 'Add toil'}
      submitLabel={item ? 'Save' : 'Add'}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        id="toil-item-task"
        label="Task"
        {...field(
          'task',
          `A manual, repetitive task, e.g. "Restart the stuck batch job"; at most ${TOIL_ITEM_LIMITS.taskMaxLength} characters`,
        )}
        required
        fullWidth
      />
      <TextField
        id="toil-item-minutes"
        label="Minutes per occurrence"
        type="number"
        {...field(
          'minutesPerOccurrence',
          `More than 0, at most ${TOIL_ITEM_LIMITS.maxMinutesPerOccurrence}`,
        )}
        required
        inputProps={{
          min: 0,
          max: TOIL_ITEM_LIMITS.maxMinutesPerOccurrence,
          step: 'any',
        }}
      />
      <TextField
        id="toil-item-occurrences"
        label="Occurrences per week"
        type="number"
        {...field(
          'occurrencesPerWeek',
          preview
            ? `${preview} per week`
            : `0 to ${TOIL_ITEM_LIMITS.maxOccurrencesPerWeek}; 0.5 is every other week`,
        )}
        required
        inputProps={{
          min: TOIL_ITEM_LIMITS.minOccurrencesPerWeek,
          max: TOIL_ITEM_LIMITS.maxOccurrencesPerWeek,
          step: 'any',
        }}
      />
      <TextField
        id="toil-item-owner"
        label="Owner"
        {...field(
          'owner',
          "The team that does the work, e.g. group:default/payments; the entity's owner when empty",
        )}
        fullWidth
      />
    </FormDialog>
  );
}
