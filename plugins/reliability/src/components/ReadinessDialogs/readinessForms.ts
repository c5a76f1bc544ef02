import {
  AttestationInput,
  ExemptionInput,
  RevokeInput,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { formatDate } from '../format';

/** The limits the backend enforces on attestations and exemptions. */
export const READINESS_LIMITS = {
  urlMaxLength: 2000,
  textMaxLength: 2000,
  reasonMinLength: 3,
  /** How far ahead an exemption may expire, in days. */
  maxExemptionDays: 365,
} as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A date as the value of a date input (`YYYY-MM-DD`), in local time. */
export function toDateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

/** The local calendar day `days` days after `date`'s. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/**
 * The last millisecond of a `YYYY-MM-DD` day in local time (an expiry date
 * counts through that day); undefined when it is no valid date.
 */
export function endOfLocalDay(value: string): Date | undefined {
  const match = DATE.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const end = new Date(year, month - 1, day, 23, 59, 59, 999);
  if (
    end.getFullYear() !== year ||
    end.getMonth() !== month - 1 ||
    end.getDate() !== day
  ) {
    return undefined;
  }
  return end;
}

/** Whether a text is an absolute http or https URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The fields of the attestation form, as typed. */
export interface AttestationFormValues {
  evidenceUrl: string;
  comment: string;
  /** `YYYY-MM-DD`, or empty for the backend's default (never without a validity). */
  expiresOn: string;
}

/** The fields of the exemption form, as typed. */
export interface ExemptionFormValues {
  reason: string;
  /** `YYYY-MM-DD`. */
  expiresOn: string;
}

/** What is wrong with each field of a form. */
export type FormErrors<T> = Partial<Record<keyof T, string>>;

/**
 * The first and last expiry dates an attestation may have: tomorrow to
 * today + the item's validity (no last one without a validity), and the
 * default, the last one.
 */
export function attestationDates(
  validityDays: number | undefined,
  now: Date = new Date(),
) {
  const min = toDateInputValue(addDays(now, 1));
  const max =
    validityDays && validityDays > 0
      ? toDateInputValue(addDays(now, validityDays))
      : undefined;
  return { min, max, defaultValue: max ?? '' };
}

/**
 * The first and last expiry dates of an exemption: tomorrow to a year ahead
 * (or `maxDays` ahead, e.g. for an exception to the error-budget policy).
 */
export function exemptionDates(
  now: Date = new Date(),
  maxDays: number = READINESS_LIMITS.maxExemptionDays,
) {
  return {
    min: toDateInputValue(addDays(now, 1)),
    max: toDateInputValue(addDays(now, maxDays)),
  };
}

function checkExpiry(
  value: string,
  range: { min: string; max?: string },
): string | undefined {
  if (!endOfLocalDay(value)) {
    return 'Enter a date';
  }
  // YYYY-MM-DD strings compare as dates.
  if (value < range.min) {
    return 'Must be after today';
  }
  if (range.max && value > range.max) {
    return `Must be on or before ${formatDate(endOfLocalDay(range.max))}`;
  }
  return undefined;
}

/**
 * Checks the attestation form as the backend does (an http(s) evidence URL,
 * a comment of at most 2,000 characters, an expiry after today and within
 * the item's validity) and turns it into the request body. The expiry is the
 * end of the chosen day; left at its default (today + the validity) it is
 * left out, so that the backend sets now + the validity itself.
 */
export function validateAttestation(
  values: AttestationFormValues,
  options: { validityDays?: number; now?: Date } = {},
): { input?: AttestationInput; errors: FormErrors<AttestationFormValues> } {
  const errors: FormErrors<AttestationFormValues> = {};
  const evidenceUrl = values.evidenceUrl.trim();
  if (!evidenceUrl) {
    errors.evidenceUrl = 'Link the evidence, e.g. the runbook or the test run';
  } else if (!isHttpUrl(evidenceUrl)) {
    errors.evidenceUrl = 'Must be an http:// or https:// URL';
  } else if (evidenceUrl.length > READINESS_LIMITS.urlMaxLength) {
    errors.evidenceUrl = `At most ${READINESS_LIMITS.urlMaxLength} characters`;
  }
  const comment = values.comment.trim();
  if (comment.length > READINESS_LIMITS.textMaxLength) {
    errors.comment = `At most ${READINESS_LIMITS.textMaxLength} characters (now ${comment.length})`;
  }
  const dates = attestationDates(options.validityDays, options.now);
  const expiresOn = values.expiresOn.trim();
  if (expiresOn) {
    const error = checkExpiry(expiresOn, dates);
    if (error) {
      errors.expiresOn = error;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  const expiresAt =
    expiresOn && expiresOn !== dates.defaultValue
      ? endOfLocalDay(expiresOn)?.toISOString()
      : undefined;
  return {
    input: {
      evidenceUrl,
      ...(comment ? { comment } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    },
    errors,
  };
}

/**
 * Checks the exemption form as the backend does (a reason of 3 to 2,000
 * characters, an expiry after today and at most a year ahead, or `maxDays`)
 * and turns it into the request body; the expiry is the end of the chosen
 * day. `required` gives the messages of the empty required fields.
 */
export function validateExemption(
  values: ExemptionFormValues,
  options: {
    now?: Date;
    maxDays?: number;
    required?: Required<FormErrors<ExemptionFormValues>>;
  } = {},
): { input?: ExemptionInput; errors: FormErrors<ExemptionFormValues> } {
  const errors: FormErrors<ExemptionFormValues> = {};
  const reason = values.reason.trim();
  const required = options.required ?? {
    reason: 'Say why the entity is exempt',
    expiresOn: 'Exemptions expire: pick a date',
  };
  if (!reason) {
    errors.reason = required.reason;
  } else if (reason.length < READINESS_LIMITS.reasonMinLength) {
    errors.reason = `At least ${READINESS_LIMITS.reasonMinLength} characters`;
  } else if (reason.length > READINESS_LIMITS.textMaxLength) {
    errors.reason = `At most ${READINESS_LIMITS.textMaxLength} characters (now ${reason.length})`;
  }
  const expiresOn = values.expiresOn.trim();
  if (!expiresOn) {
    errors.expiresOn = required.expiresOn;
  } else {
    const error = checkExpiry(
      expiresOn,
      exemptionDates(options.now, options.maxDays),
    );
    if (error) {
      errors.expiresOn = error;
    }
  }
  const end = endOfLocalDay(expiresOn);
  if (Object.keys(errors).length > 0 || !end) {
    return { errors };
  }
  return { input: { reason, expiresAt: end.toISOString() }, errors };
}

/** The body of a revocation: the reason, trimmed, when there is one. */
export function toRevokeInput(reason: string): RevokeInput {
  const trimmed = reason.trim();
  return trimmed ? { reason: trimmed } : {};
}
