import { InputError } from '@backstage/errors';

/** Whether `error` is an InputError (also from another copy of the package). */
export function isInputError(error: unknown): boolean {
  return (
    error instanceof InputError ||
    (error instanceof Error && error.name === 'InputError')
  );
}

/** The message of an error, or the thrown value as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
