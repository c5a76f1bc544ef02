import { InputError } from '@backstage/errors';
import {
  CampaignInput,
  CampaignPromoteInput,
  DEFAULT_CAMPAIGN_REMINDERS,
  TierModel,
  isCalendarDay,
  isValidTimeZone,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { ChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import { z } from 'zod';
import { entityRefInput, userTextProblem } from '../service/request';

/** A campaign id: lowercase letters, digits and dashes. */
export const CAMPAIGN_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** User text without control characters (or lone surrogates). */
const text = (schema: z.ZodString, multiline: boolean) =>
  schema.refine(
    v => userTextProblem(v, multiline) === undefined,
    v => ({ message: userTextProblem(v, multiline)! }),
  );
const line = (max: number) => text(z.string().trim().min(1).max(max), false);
const markdown = text(z.string().max(20_000), true);
const list = z.array(line(255)).max(200).optional();
const day = z.string().refine(isCalendarDay, 'must be a day YYYY-MM-DD');
const days = z.number().int().min(1).max(365);

/** The body of `POST /campaigns` and `PUT /campaigns/:id`. */
export const campaignInputSchema = z
  .object({
    id: z
      .string()
      .regex(CAMPAIGN_ID, 'must be lowercase letters, digits and dashes')
      .optional(),
    title: line(255),
    description: markdown,
    howToFix: markdown.optional(),
    owner: line(255),
    target: z
      .object({
        readinessItems: z.array(line(255)).max(100).optional(),
        scorecardChecks: z
          .array(
            z.object({ scorecardId: line(255), checkId: line(255) }).strict(),
          )
          .max(100)
          .optional(),
        scorecardLevel: z
          .object({ scorecardId: line(255), level: line(64) })
          .strict()
          .optional(),
      })
      .strict(),
    audience: z
      .object({
        tiers: list,
        owners: list,
        systems: list,
        kinds: list,
        lifecycles: list,
        tags: list,
      })
      .strict(),
    startDate: day,
    dueDate: day,
    timeZone: z
      .string()
      .max(64)
      .refine(isValidTimeZone, 'must be an IANA time zone, e.g. Europe/Berlin')
      .optional(),
    reminders: z
      .object({
        everyDays: days,
        finalDays: days.optional(),
        finalEveryDays: days.optional(),
      })
      .strict()
      .optional(),
    published: z.boolean(),
  })
  .strict();

export const exemptionInputSchema = z
  .object({
    entityRef: line(255),
    reason: text(
      z
        .string()
        .trim()
        .min(3, 'must say why (at least 3 characters)')
        .max(2000),
      true,
    ),
  })
  .strict();

export const promoteInputSchema = z
  .object({
    kind: z.enum(['readiness', 'scorecard']),
    id: line(255),
    level: line(64).optional(),
  })
  .strict();

const ref = (value: string, field: string, defaultKind: string) =>
  entityRefInput(
    value,
    defaultKind,
    `${field} "${value}" is not an entity reference`,
  );

/** A campaign input, validated against the tiers and checks configured. */
export type ValidCampaignInput = CampaignInput & {
  timeZone: string;
  reminders: NonNullable<CampaignInput['reminders']>;
};

/**
 * Checks a parsed campaign input against the configuration: known tiers,
 * readiness items, scorecards, checks and levels; a target; the due date
 * not before the start date. Normalises refs and fills the defaults.
 * `where` names the input in errors, e.g. `Invalid campaign:` or
 * `reliability.campaigns[0]`.
 */
export function validateCampaignInput(
  input: z.infer<typeof campaignInputSchema>,
  deps: { checks: ChecksConfig; tierModel: TierModel },
  where: string,
): ValidCampaignInput {
  const bad = (field: string, message: string) =>
    new InputError(`${where} "${field}" ${message}`);
  const { checks, tierModel } = deps;
  const { target, audience } = input;
  if (
    !target.readinessItems?.length &&
    !target.scorecardChecks?.length &&
    !target.scorecardLevel
  ) {
    throw bad(
      'target',
      'must name readiness items, scorecard checks or a scorecard level',
    );
  }
  const items = new Set(checks.readiness.map(i => i.id));
  target.readinessItems?.forEach((id, i) => {
    if (!items.has(id)) {
      throw bad(
        `target.readinessItems.${i}`,
        `is an unknown readiness item "${id}"`,
      );
    }
  });
  const cards = new Map(checks.scorecards.map(s => [s.id, s]));
  target.scorecardChecks?.forEach(({ scorecardId, checkId }, i) => {
    const card = cards.get(scorecardId);
    if (!card) {
      throw bad(
        `target.scorecardChecks.${i}.scorecardId`,
        `is an unknown scorecard "${scorecardId}"`,
      );
    }
    if (!card.levels.some(l => l.checks.some(c => c.check === checkId))) {
      throw bad(
        `target.scorecardChecks.${i}.checkId`,
        `is not a check of the scorecard "${scorecardId}": "${checkId}"`,
      );
    }
  });
  if (target.scorecardLevel) {
    const { scorecardId, level } = target.scorecardLevel;
    const card = cards.get(scorecardId);
    if (!card) {
      throw bad(
        'target.scorecardLevel.scorecardId',
        `is an unknown scorecard "${scorecardId}"`,
      );
    }
    if (!card.levels.some(l => l.id === level)) {
      throw bad(
        'target.scorecardLevel.level',
        `is not a level of the scorecard "${scorecardId}": "${level}"`,
      );
    }
  }
  const tiers = new Set(tierModel.tiers.map(t => t.id));
  audience.tiers?.forEach((tier, i) => {
    if (!tiers.has(tier)) {
      throw bad(
        `audience.tiers.${i}`,
        `is an unknown tier "${tier}" (known: ${[...tiers].join(', ')})`,
      );
    }
  });
  if (input.dueDate < input.startDate) {
    throw bad('dueDate', `must not be before the startDate ${input.startDate}`);
  }
  return {
    ...input,
    owner: ref(input.owner, `${where} "owner"`, 'group'),
    audience: {
      ...audience,
      ...(audience.owners
        ? {
            owners: audience.owners.map((o, i) =>
              ref(o, `${where} "audience.owners.${i}"`, 'group'),
            ),
          }
        : {}),
      ...(audience.systems
        ? {
            systems: audience.systems.map((s, i) =>
              ref(s, `${where} "audience.systems.${i}"`, 'system'),
            ),
          }
        : {}),
      ...(audience.kinds
        ? { kinds: audience.kinds.map(k => k.toLocaleLowerCase('en-US')) }
        : {}),
    },
    timeZone: input.timeZone ?? 'UTC',
    reminders: input.reminders ?? DEFAULT_CAMPAIGN_REMINDERS,
  };
}

/**
 * Checks a promotion against the campaign's target and the configuration:
 * readiness items go into a known tier, checks into a known scorecard's
 * level.
 */
export function validatePromotion(
  input: CampaignPromoteInput,
  target: CampaignInput['target'],
  deps: { checks: ChecksConfig; tierModel: TierModel },
): void {
  const bad = (field: string, message: string) =>
    new InputError(`Invalid promotion: "${field}" ${message}`);
  if (input.kind === 'readiness') {
    if (!deps.tierModel.tiers.some(t => t.id === input.id)) {
      throw bad('id', `is an unknown tier "${input.id}"`);
    }
    if (!target.readinessItems?.length) {
      throw bad('kind', 'is readiness but the campaign has no readiness items');
    }
    return;
  }
  const card = deps.checks.scorecards.find(s => s.id === input.id);
  if (!card) throw bad('id', `is an unknown scorecard "${input.id}"`);
  if (!input.level || !card.levels.some(l => l.id === input.level)) {
    throw bad(
      'level',
      `must be a level of the scorecard "${input.id}" (${card.levels
        .map(l => l.id)
        .join(', ')})`,
    );
  }
  if (!target.scorecardChecks?.length) {
    throw bad('kind', 'is scorecard but the campaign has no scorecard checks');
  }
}
