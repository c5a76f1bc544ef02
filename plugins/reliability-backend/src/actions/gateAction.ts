import {
  ActionZod,
  READ_ONLY,
  entityRefInput,
  parseRefInput,
} from './actionInput';
import { PolicyActionsContext } from './types';

/** An exception to the error-budget policy (`PolicyException`). */
export const policyException = (z: ActionZod) =>
  z.object({
    id: z.string(),
    entityRef: z.string(),
    kind: z.string().describe('The exception kind, e.g. dependency-outage'),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
  });

/** The answer of the deploy gate (`GateResponse`). */
const gateOutput = (z: ActionZod) =>
  z.object({
    entityRef: z.string(),
    deployAllowed: z
      .boolean()
      .describe(
        'Whether a deploy may go ahead now: the state allows it, or an exception is in force; when stale, as configured (fail open or closed)',
      ),
    state: z
      .string()
      .nullable()
      .describe(
        'The error-budget policy state, e.g. ok or exhausted; null when none has been computed',
      ),
    reasons: z.array(z.string()).describe('Why, in sentences'),
    exceptions: z
      .array(policyException(z))
      .describe('The exceptions in force now'),
    computedAt: z
      .string()
      .nullable()
      .describe('When the state was computed (ISO 8601); null if never'),
    stale: z
      .boolean()
      .describe('True when the state is stale or unknown; see reasons'),
  });

/**
 * `get-deploy-gate`: the deploy gate's answer for an entity, exactly what
 * `GET /gate/:kind/:namespace/:name` answers: the same entity read with
 * the caller's credentials, then the same {@link PolicyEvaluator.gate}.
 */
export function registerGateAction(ctx: PolicyActionsContext) {
  ctx.actionsRegistry.register({
    name: 'get-deploy-gate',
    title: 'Deploy gate of an entity',
    description:
      'Whether a deploy of one catalog entity may go ahead now under its error-budget policy: deployAllowed, the policy state (e.g. ok, warning, exhausted, frozen), the reasons, the exceptions in force and whether the answer is stale. The same answer as the deploy gate of CI pipelines. Example: "may I deploy checkout now?". Read-only; answers only for entities the caller may see.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(z, 'The entity to deploy'),
          })
          .strict(),
      output: gateOutput,
    },
    action: async ({ input, credentials }) => {
      const params = parseRefInput('entityRef', input.entityRef, 'component');
      const { entity, entityRef } = await ctx.readEntity(credentials, params);
      return {
        output: await ctx.policy.evaluator.gate(
          entity,
          entityRef,
          ctx.clock.now(),
        ),
      };
    },
  });
}
