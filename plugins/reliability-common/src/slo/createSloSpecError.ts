import { SloSpecError } from './types';

/**
 * Builds an {@link SloSpecError} whose message names what is known, e.g.
 * `slos.yaml:12: SLO "checkout-availability": spec.objectives[0].target must
 * be below 1 (100% leaves no error budget)`.
 *
 * @public
 */
export function createSloSpecError(parts: {
  file?: string;
  line?: number;
  slo?: string;
  field?: string;
  /** What is wrong; appended to the field name when there is one. */
  reason: string;
}): SloSpecError {
  const { file, line, slo, field, reason } = parts;
  let where: string | undefined;
  if (file) {
    where = line ? `${file}:${line}` : file;
  } else if (line) {
    where = `line ${line}`;
  }
  const message = [
    where,
    slo !== undefined ? `SLO "${slo}"` : undefined,
    field ? `${field} ${reason}` : reason,
  ]
    .filter(Boolean)
    .join(': ');
  const error: SloSpecError = { message };
  if (file !== undefined) error.file = file;
  if (slo !== undefined) error.slo = slo;
  if (field !== undefined) error.field = field;
  if (line !== undefined) error.line = line;
  return error;
}
