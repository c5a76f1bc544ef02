import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** A query parameter that may repeat (`?tier=a&tier=b`) or be comma-separated. */
export const multi = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(100));

/** A parameter given once (a repeated one is an array and fails). */
export const single = <T extends z.ZodTypeAny>(item: T) => item;

/** An integer query parameter in `[min, max]`. */
export const integerParam = (min: number, max: number) => {
  const message = `must be an integer between ${min} and ${max}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
};

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** A strict ISO 8601 date or time: `Date.parse` alone accepts "1" or Feb 30. */
export function isIsoTime(value: string): boolean {
  const match = ISO_TIME.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) {
    return false;
  }
  const [year, month, day] = match.slice(1, 4).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** A strict ISO 8601 date or time string. */
export const isoTime = z
  .string()
  .max(40)
  .refine(isIsoTime, 'must be an ISO 8601 time');

/** An absolute http(s) URL. */
export const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine(u => {
    try {
      return /^https?:$/.test(new URL(u).protocol);
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

/** Parses query parameters; a bad one is an InputError naming it. */
export function parseQuery<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  query: unknown,
): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `"${issue.path.join('.')}"` : 'query';
    let message = `Invalid query parameter ${where}: ${issue.message}`;
    if (issue.code === 'unrecognized_keys') {
      message = `Unknown query parameter ${issue.keys
        .map(k => `"${k}"`)
        .join(', ')}`;
    } else if (issue.code === 'invalid_type' && issue.expected === 'string') {
      message = `Invalid query parameter ${where}: must be given once`;
    }
    throw new InputError(message);
  }
  return parsed.data;
}

/**
 * Parses a JSON body; a bad one is an InputError naming the field, e.g.
 * `Invalid attestation: "evidenceUrl" must be an http or https URL`.
 */
export function parseBody<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  body: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      throw new InputError(
        `Invalid ${what}: unknown field ${issue.keys
          .map(k => `"${k}"`)
          .join(', ')}`,
      );
    }
    const field = issue.path.join('.') || 'body';
    throw new InputError(`Invalid ${what}: "${field}" ${issue.message}`);
  }
  return parsed.data;
}

/**
 * An entity ref given in full or as a short name of `defaultKind` in
 * `default`, normalised; an InputError with `message` when it is not one.
 */
export function entityRefInput(
  value: string,
  defaultKind: string,
  message: string,
): string {
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind }));
  } catch {
    throw new InputError(message);
  }
}

/** Entity refs given in full or as short names of `defaultKind` in `default`. */
export function normalizeRefs(
  param: string,
  values: string[] | undefined,
  defaultKind: string,
) {
  return values?.map(v =>
    entityRefInput(
      v,
      defaultKind,
      `Invalid query parameter "${param}": "${v}" is not an entity reference`,
    ),
  );
}

/**
 * Why `value` is not acceptable user text, or undefined: a lone surrogate
 * (not valid Unicode, so it could not be stored as sent), or a control
 * character other than tab (and line feed and carriage return in
 * `multiline` text). PostgreSQL refuses NUL in text.
 */
export function userTextProblem(
  value: string,
  multiline: boolean,
): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return 'must not contain a lone surrogate (invalid Unicode)';
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      return 'must not contain a lone surrogate (invalid Unicode)';
    }
    const allowed =
      code === 0x09 || (multiline && (code === 0x0a || code === 0x0d));
    if ((code < 0x20 || code === 0x7f) && !allowed) {
      return `must not contain control characters (U+${code
        .toString(16)
        .toUpperCase()
        .padStart(4, '0')})${multiline ? '' : ' or line breaks'}`;
    }
  }
  return undefined;
}

/**
 * User text (a toil task, a comment, a reason): `schema` plus the
 * {@link userTextProblem} check, so what is stored is what was sent and
 * what the 201 echoes.
 */
export const userText = <T extends z.ZodTypeAny>(
  schema: T,
  options: { multiline: boolean },
) =>
  schema.superRefine((value, ctx) => {
    const problem =
      typeof value === 'string'
        ? userTextProblem(value, options.multiline)
        : undefined;
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });

/** Why an exemption or exception is granted: 3 to 2000 characters. */
export const grantReason = userText(
  z.string().trim().min(3, 'must say why (at least 3 characters)').max(2000),
  { multiline: true },
);
