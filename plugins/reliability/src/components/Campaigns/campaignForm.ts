import {
  Campaign,
  CampaignAudience,
  CampaignInput,
  CampaignReminders,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { FormErrors, endOfLocalDay } from '../ReadinessDialogs/readinessForms';

/** The audience fields of the form, one text field each. */
export const AUDIENCE_FIELDS = [
  'tiers',
  'owners',
  'systems',
  'kinds',
  'lifecycles',
  'tags',
] as const;

/** The fields of the campaign form, as typed. Lists are comma-separated. */
export interface CampaignFormValues {
  id: string;
  title: string;
  description: string;
  howToFix: string;
  owner: string;
  /** Readiness item ids. */
  readinessItems: string;
  /** `scorecard/check` pairs. */
  scorecardChecks: string;
  /** `scorecard/level`, or empty. */
  scorecardLevel: string;
  tiers: string;
  owners: string;
  systems: string;
  kinds: string;
  lifecycles: string;
  tags: string;
  startDate: string;
  dueDate: string;
  timeZone: string;
  everyDays: string;
  finalDays: string;
  finalEveryDays: string;
  /** `true` or `false`. */
  published: string;
}

const list = (value: string) =>
  value
    .split(/[\s,]+/)
    .map(v => v.trim())
    .filter(Boolean);

const join = (values: string[] | undefined) => (values ?? []).join(', ');

const text = (value: number | undefined) =>
  value === undefined ? '' : String(value);

/** The form's values for a new campaign, or for editing `campaign`. */
export function toCampaignFormValues(campaign?: Campaign): CampaignFormValues {
  const target = campaign?.target ?? {};
  const audience = campaign?.audience ?? {};
  const level = target.scorecardLevel;
  return {
    id: campaign?.id ?? '',
    title: campaign?.title ?? '',
    description: campaign?.description ?? '',
    howToFix: campaign?.howToFix ?? '',
    owner: campaign?.owner ?? '',
    readinessItems: join(target.readinessItems),
    scorecardChecks: join(
      target.scorecardChecks?.map(c => `${c.scorecardId}/${c.checkId}`),
    ),
    scorecardLevel: level ? `${level.scorecardId}/${level.level}` : '',
    tiers: join(audience.tiers),
    owners: join(audience.owners),
    systems: join(audience.systems),
    kinds: join(audience.kinds),
    lifecycles: join(audience.lifecycles),
    tags: join(audience.tags),
    startDate: campaign?.startDate ?? '',
    dueDate: campaign?.dueDate ?? '',
    timeZone: campaign?.timeZone ?? 'UTC',
    everyDays: text(campaign?.reminders.everyDays),
    finalDays: text(campaign?.reminders.finalDays),
    finalEveryDays: text(campaign?.reminders.finalEveryDays),
    published: String(campaign?.published ?? false),
  };
}

/** `a/b` pairs, or undefined when one is not of that form. */
function pairs(value: string): Array<[string, string]> | undefined {
  const result: Array<[string, string]> = [];
  for (const item of list(value)) {
    const match = /^([^/\s]+)\/([^/\s]+)$/.exec(item);
    if (!match) {
      return undefined;
    }
    result.push([match[1], match[2]]);
  }
  return result;
}

/** A whole number of days of at least 1, blank for undefined. */
function days(value: string): number | undefined | 'invalid' {
  if (!value.trim()) {
    return undefined;
  }
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 'invalid';
}

function readReminders(
  values: CampaignFormValues,
  errors: FormErrors<CampaignFormValues>,
): CampaignReminders | undefined {
  const parsed = {
    everyDays: days(values.everyDays),
    finalDays: days(values.finalDays),
    finalEveryDays: days(values.finalEveryDays),
  };
  for (const [name, value] of Object.entries(parsed)) {
    if (value === 'invalid') {
      errors[name as keyof CampaignReminders] = 'A whole number of days';
    }
  }
  const { everyDays, finalDays, finalEveryDays } = parsed;
  if (everyDays === undefined || everyDays === 'invalid') {
    return undefined;
  }
  return {
    everyDays,
    ...(typeof finalDays === 'number' ? { finalDays } : {}),
    ...(typeof finalEveryDays === 'number' ? { finalEveryDays } : {}),
  };
}

/**
 * Checks what the form can check (required fields, dates, the forms of the
 * lists) and turns it into the request body; the backend checks the rest
 * (e.g. the due date after the start, a known time zone) and its message is
 * shown in the dialog.
 */
export function validateCampaignForm(
  values: CampaignFormValues,
  options: { creating: boolean },
): { input?: CampaignInput; errors: FormErrors<CampaignFormValues> } {
  const errors: FormErrors<CampaignFormValues> = {};
  const required: Array<[keyof CampaignFormValues, string]> = [
    ['title', 'Give the campaign a title'],
    ['description', 'Say what and why'],
    ['owner', 'The owning group, e.g. group:default/platform'],
  ];
  for (const [name, message] of required) {
    if (!values[name].trim()) {
      errors[name] = message;
    }
  }
  if (options.creating && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.id)) {
    errors.id = 'Lowercase letters, digits and dashes, e.g. burn-rate-alerts';
  }
  for (const name of ['startDate', 'dueDate'] as const) {
    if (!endOfLocalDay(values[name])) {
      errors[name] = 'Pick a date';
    }
  }
  const checks = pairs(values.scorecardChecks);
  if (!checks) {
    errors.scorecardChecks = 'scorecard/check, e.g. golden-path/has-runbook';
  }
  const level = pairs(values.scorecardLevel);
  if (!level || level.length > 1) {
    errors.scorecardLevel = 'scorecard/level, e.g. golden-path/silver';
  }
  const readinessItems = list(values.readinessItems);
  if (!readinessItems.length && !checks?.length && !level?.length) {
    errors.readinessItems =
      'Name readiness items, scorecard checks or a scorecard level';
  }
  const reminders = readReminders(values, errors);
  if (Object.keys(errors).length) {
    return { errors };
  }
  const audience: CampaignAudience = {};
  for (const name of AUDIENCE_FIELDS) {
    if (list(values[name]).length) {
      audience[name] = list(values[name]);
    }
  }
  const input: CampaignInput = {
    ...(options.creating ? { id: values.id } : {}),
    title: values.title.trim(),
    description: values.description,
    ...(values.howToFix.trim() ? { howToFix: values.howToFix } : {}),
    owner: values.owner.trim(),
    target: {
      ...(readinessItems.length ? { readinessItems } : {}),
      ...(checks?.length
        ? {
            scorecardChecks: checks.map(([scorecardId, checkId]) => ({
              scorecardId,
              checkId,
            })),
          }
        : {}),
      ...(level?.length
        ? {
            scorecardLevel: {
              scorecardId: level[0][0],
              level: level[0][1],
            },
          }
        : {}),
    },
    audience,
    startDate: values.startDate,
    dueDate: values.dueDate,
    timeZone: values.timeZone.trim() || 'UTC',
    ...(reminders ? { reminders } : {}),
    published: values.published === 'true',
  };
  return { input, errors };
}
