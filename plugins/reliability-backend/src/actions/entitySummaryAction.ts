import {
  ALERT_QUALITY_HEADLINE_POLARITY,
  AlertQualityWindow,
  EntityReadiness,
  EntityReliability,
  EntityAlertQuality,
  EntityPolicyResponse,
  SLO_STATUS_ORDER,
  getAlertQualityHeadline,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { readEntityAlertQuality } from '../alertQuality/readEntityAlertQuality';
import { readEntityReliability } from '../service/entityRoutes';
import {
  ActionZod,
  READ_ONLY,
  entityRefInput,
  parseRefInput,
} from './actionInput';
import { policyException } from './gateAction';
import { ReliabilityActionsContext } from './types';

/** The window of the alert-quality headline of the summary. */
const ALERT_QUALITY_WINDOW: '28d' = '28d' satisfies AlertQualityWindow;

const HEADLINE_METRICS = Object.keys(ALERT_QUALITY_HEADLINE_POLARITY);

/** Freshness of a stored section: when computed, stale, demo data. */
const freshness = (z: ActionZod) => ({
  computedAt: z
    .string()
    .nullable()
    .describe('When the data was computed (ISO 8601); null if never'),
  stale: z.boolean().describe('True when the last refresh failed'),
  demo: z.boolean().describe('True when the data comes from the demo'),
});

const sloStatus = (z: ActionZod) =>
  z.enum(SLO_STATUS_ORDER as [string, ...string[]]);

/** The error-budget policy section of the summary (`PolicyStateView`). */
const policySection = (z: ActionZod) =>
  z
    .object({
      policyId: z.string().describe('The policy applied: the tier or default'),
      state: z.string().describe('The state, e.g. ok, warning, exhausted'),
      level: z.number().describe("The state's place: 0 for the best state"),
      since: z.string().describe('When the entity entered the state'),
      reasons: z.array(z.string()),
      deploysAllowed: z
        .boolean()
        .describe(
          'Whether the state allows deploys, before exceptions (get-deploy-gate gives the decision)',
        ),
      description: z.string().optional(),
      requiredActions: z.array(z.string()),
      allowedChanges: z
        .array(z.string())
        .describe('The changes still allowed, e.g. P0 fix'),
      computedAt: z.string(),
      stale: z.boolean(),
      staleReason: z.string().optional(),
      exceptions: z
        .array(policyException(z))
        .describe('The exceptions in force now'),
    })
    .nullable()
    .optional()
    .describe(
      'The error-budget policy state; absent when no policy is configured, null before its first evaluation',
    );

/**
 * The output of `get-entity-reliability-summary`: one object per feature.
 * The `policy` section is optional, so clients written before it keep
 * working.
 */
const summaryOutput = (z: ActionZod) =>
  z.object({
    entityRef: z.string(),
    tier: z.object({
      status: z
        .enum(['ok', 'missing', 'invalid'])
        .describe('ok: a configured tier; missing or invalid otherwise'),
      id: z.string().nullable(),
      title: z.string().nullable(),
      message: z.string().optional(),
    }),
    sloStatus: sloStatus(z).describe(
      'The worst status of the SLOs; no-slo without SLOs',
    ),
    slos: z.object({
      status: z.enum(['not-collected', 'ok', 'error']),
      ...freshness(z),
      items: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          objective: z.number(),
          window: z.string(),
          status: sloStatus(z),
          sli: z.number().nullable(),
          budgetRemaining: z
            .number()
            .nullable()
            .describe(
              'Share of the error budget left (1 - consumed); null without traffic',
            ),
          exhaustsAt: z
            .string()
            .nullable()
            .describe("When the budget runs out at the last day's burn rate"),
        }),
      ),
    }),
    readiness: z.object({
      status: z
        .enum([
          'ready',
          'not-ready',
          'expiring',
          'exempt',
          'unknown',
          'not-evaluated',
        ])
        .describe(
          'The readiness for the tier; not-evaluated before the first evaluation',
        ),
      evaluatedAt: z.string().nullable(),
      missing: z
        .array(
          z.object({
            id: z.string(),
            title: z.string(),
            state: z.string(),
            detail: z.string(),
            howToFix: z.string().optional(),
          }),
        )
        .describe('Required items that fail or are missing'),
      expiring: z
        .array(
          z.object({
            id: z.string(),
            title: z.string(),
            expiresAt: z.string().nullable(),
          }),
        )
        .describe(
          'Required items whose attestation or exemption runs out soon',
        ),
    }),
    scorecards: z.array(
      z.object({
        scorecardId: z.string(),
        title: z.string(),
        level: z.string().nullable(),
        levelTitle: z.string().nullable(),
        nextLevel: z.string().nullable(),
        missingForNextLevel: z.array(z.string()),
        score: z.number(),
      }),
    ),
    alertQuality: z.object({
      window: z.literal(ALERT_QUALITY_WINDOW),
      pagingSource: z.string().nullable(),
      ...freshness(z),
      headline: z
        .record(z.number().nullable())
        .nullable()
        .describe(
          `The headline figures of the last 28 days (${HEADLINE_METRICS.join(
            ', ',
          )}); null without a paging source or alert rules`,
        ),
    }),
    policy: policySection(z),
  });

/** The policy part of the summary, from the entity's policy view. */
function policyOf(view: EntityPolicyResponse) {
  return view.policy ? { ...view.policy, exceptions: view.exceptions } : null;
}

/** The readiness part of the summary, from the stored evaluation. */
function readinessOf(readiness: EntityReadiness | undefined) {
  if (!readiness) {
    return {
      status: 'not-evaluated' as const,
      evaluatedAt: null,
      missing: [],
      expiring: [],
    };
  }
  const item = (id: string) => readiness.items.find(i => i.id === id);
  return {
    status: readiness.status,
    evaluatedAt: readiness.evaluatedAt,
    missing: readiness.missing.map(id => {
      const it = item(id);
      return {
        id,
        title: it?.title ?? id,
        state: it?.state ?? 'missing',
        detail: it?.detail ?? '',
        ...(it?.howToFix ? { howToFix: it.howToFix } : {}),
      };
    }),
    expiring: readiness.expiring.map(id => ({
      id,
      title: item(id)?.title ?? id,
      expiresAt: item(id)?.expiresAt ?? null,
    })),
  };
}

/**
 * The summary of what the entity route, the alert-quality route and (with a
 * policy) the entity's policy route answer.
 */
export function summarize(
  reliability: EntityReliability,
  alertQuality: EntityAlertQuality,
  policy?: EntityPolicyResponse,
) {
  const { tier, sections } = reliability;
  const slos = sections.slos;
  return {
    entityRef: reliability.entityRef,
    tier:
      tier.status === 'ok'
        ? { status: tier.status, id: tier.tier.id, title: tier.tier.title }
        : {
            status: tier.status,
            id: tier.status === 'invalid' ? tier.value : null,
            title: null,
            message: tier.message,
          },
    sloStatus: reliability.sloStatus,
    slos: {
      status: slos.status,
      computedAt: slos.computedAt,
      stale: slos.stale,
      demo: slos.demo,
      items: slos.items.map(s => ({
        id: s.id,
        name: s.displayName ?? s.name,
        objective: s.objective,
        window: s.windowLabel,
        status: s.status,
        sli: s.sli,
        budgetRemaining: s.budgetRemaining,
        exhaustsAt: s.forecast?.exhaustsAt ?? null,
      })),
    },
    readiness: readinessOf(sections.readiness.items[0]),
    scorecards: sections.scorecards.items.map(s => ({
      scorecardId: s.scorecardId,
      title: s.title,
      level: s.level,
      levelTitle: s.levelTitle,
      nextLevel: s.nextLevel,
      missingForNextLevel: s.missingForNextLevel,
      score: s.score,
    })),
    alertQuality: {
      window: ALERT_QUALITY_WINDOW,
      pagingSource: alertQuality.pagingSource,
      computedAt: alertQuality.computedAt,
      stale: alertQuality.stale,
      demo: alertQuality.demo,
      headline: alertQuality.report
        ? getAlertQualityHeadline(alertQuality.report.current)
        : null,
    },
    ...(policy ? { policy: policyOf(policy) } : {}),
  };
}

/**
 * `get-entity-reliability-summary`: what the entity's "Reliability" tab
 * shows, in one answer. Reads exactly what `GET /entities/:kind/:ns/:name`,
 * `GET .../alert-quality?window=28d` and (with a policy) `GET .../policy`
 * read, with the caller's credentials, through the routes' entity reader
 * (the entity index, or the catalog).
 */
export function registerEntitySummaryAction(ctx: ReliabilityActionsContext) {
  ctx.actionsRegistry.register({
    name: 'get-entity-reliability-summary',
    title: 'Reliability summary of an entity',
    description:
      'The reliability summary of one catalog entity: its tier, each SLO with its status and error budget remaining, its production readiness status and what is missing or expiring, its golden-path scorecard levels, the alert-quality headline of the last 28 days, and its error-budget policy state when a policy is configured. Read-only; answers only for entities the caller may see.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(z, 'The entity'),
          })
          .strict(),
      output: summaryOutput,
    },
    action: async ({ input, credentials }) => {
      const params = parseRefInput('entityRef', input.entityRef, 'component');
      const { entity, entityRef } = await ctx.readEntity(credentials, params);
      const reliability = await readEntityReliability(ctx, entity, entityRef);
      const alertQuality = await readEntityAlertQuality(
        ctx,
        entity,
        entityRef,
        ALERT_QUALITY_WINDOW,
      );
      const policy = await ctx.policy?.evaluator.view(
        entity,
        entityRef,
        ctx.clock.now(),
      );
      return { output: summarize(reliability, alertQuality, policy) };
    },
  });
}
