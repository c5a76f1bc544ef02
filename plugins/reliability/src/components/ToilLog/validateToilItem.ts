import { ToilItemInput } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The limits the backend enforces on a toil item.
 */
export const TOIL_ITEM_LIMITS = {
  taskMaxLength: 200,
  /** Exclusive lower bound: an occurrence takes some time. */
  minMinutesPerOccurrence: 0,
  /** One week. */
  maxMinutesPerOccurrence: 10080,
  minOccurrencesPerWeek: 0,
  maxOccurrencesPerWeek: 1000,
} as const;

/**
 * The fields of the toil form, as typed.
 */
export interface ToilItemFormValues {
  task: string;
  minutesPerOccurrence: string;
  occurrencesPerWeek: string;
  owner: string;
}

/**
 * What is wrong with each field of the toil form.
 */
export type ToilItemFormErrors = Partial<
  Record<keyof ToilItemFormValues, string>
>;

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Checks the toil form as the backend does (task of 1 to 200 characters;
 * minutes per occurrence above 0 and at most 10080; occurrences per week 0 to
 * 1000) and turns it into the request body, with numbers as numbers and the
 * texts trimmed; an empty owner is left out (the backend defaults it to the
 * entity's owner).
 */
export function validateToilItem(values: ToilItemFormValues): {
  input?: ToilItemInput;
  errors: ToilItemFormErrors;
} {
  const errors: ToilItemFormErrors = {};
  const task = values.task.trim();
  if (task.length === 0) {
    errors.task = 'Describe the task';
  } else if (task.length > TOIL_ITEM_LIMITS.taskMaxLength) {
    errors.task = `At most ${TOIL_ITEM_LIMITS.taskMaxLength} characters (now ${task.length})`;
  }

  const minutes = parseNumber(values.minutesPerOccurrence);
  if (minutes === undefined) {
    errors.minutesPerOccurrence = 'Enter a number of minutes';
  } else if (
    minutes <= TOIL_ITEM_LIMITS.minMinutesPerOccurrence ||
    minutes > TOIL_ITEM_LIMITS.maxMinutesPerOccurrence
  ) {
    errors.minutesPerOccurrence = `Must be more than 0 and at most ${TOIL_ITEM_LIMITS.maxMinutesPerOccurrence} (a week)`;
  }

  const occurrences = parseNumber(values.occurrencesPerWeek);
  if (occurrences === undefined) {
    errors.occurrencesPerWeek = 'Enter a number of times per week';
  } else if (
    occurrences < TOIL_ITEM_LIMITS.minOccurrencesPerWeek ||
    occurrences > TOIL_ITEM_LIMITS.maxOccurrencesPerWeek
  ) {
    errors.occurrencesPerWeek = `Must be from 0 to ${TOIL_ITEM_LIMITS.maxOccurrencesPerWeek}`;
  }

  if (
    Object.keys(errors).length > 0 ||
    minutes === undefined ||
    occurrences === undefined
  ) {
    return { errors };
  }
  const owner = values.owner.trim();
  return {
    input: {
      task,
      minutesPerOccurrence: minutes,
      occurrencesPerWeek: occurrences,
      ...(owner ? { owner } : {}),
    },
    errors,
  };
}
