import { useState } from 'react';

/**
 * The values of a form's text fields as typed, and their errors. `field`
 * gives the props of a field's `TextField`: its value, its error (or else
 * its help) as helper text, and `onChange`, which sets the value and clears
 * its error. `validate` checks the values before they are sent.
 */
export function useFormFields<TValues extends { [K in keyof TValues]: string }>(
  initialValues: TValues | (() => TValues),
) {
  const [values, setValues] = useState<TValues>(initialValues);
  const [errors, setErrors] = useState<Partial<Record<keyof TValues, string>>>(
    {},
  );

  const field = (name: keyof TValues, help?: string) => ({
    value: values[name],
    onChange: (event: { target: { value: string } }) => {
      const value = event.target.value;
      setValues(prev => ({ ...prev, [name]: value }));
      setErrors(prev => ({ ...prev, [name]: undefined }));
    },
    error: Boolean(errors[name]),
    helperText: errors[name] ?? help,
  });

  /**
   * Checks the values with `check` and shows its errors; the input to send
   * when the values are valid.
   */
  const validate = <TInput>(
    check: (values: TValues) => {
      input?: TInput;
      errors: Partial<Record<keyof TValues, string>>;
    },
  ): TInput | undefined => {
    const result = check(values);
    setErrors(result.errors);
    return result.input;
  };

  return { values, field, validate };
}
