import { stringifyEntityRef } from '@backstage/catalog-model';
import { FLEET_SORT_KEYS } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  FLEET_POLICY_STATE,
  FLEET_READINESS,
  FLEET_SLO_STATUSES,
  FLEET_SORTS,
} from '../fleet/fleetReads';
import { ActionZod, READ_ONLY, parseRefInput } from './actionInput';
import { FleetActionsContext } from './types';

/** Rows per page of the action (the HTTP API allows up to 500). */
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 25;

const filterList = (z: ActionZod, what: string) =>
  z.array(z.string().min(1).max(255)).max(100).optional().describe(what);

/** A fleet row, as `GET /fleet` answers it. */
const fleetRow = (z: ActionZod) =>
  z.object({
    entityRef: z.string(),
    kind: z.string(),
    namespace: z.string(),
    name: z.string(),
    title: z.string().optional(),
    ownerRef: z.string().nullable(),
    systemRef: z.string().nullable(),
    tier: z.string().nullable(),
    sloStatus: z.enum(FLEET_SLO_STATUSES),
    sloCount: z.number(),
    worstBudgetRemaining: z
      .number()
      .nullable()
      .describe('The lowest error budget remaining of its SLOs'),
    pagesPerWeek: z.number().nullable(),
    pagesPerOnCallWeek: z.number().nullable(),
    mttaMs: z.number().nullable(),
    mttrMs: z.number().nullable(),
    noiseRatio: z.number().nullable(),
    runbookCoverage: z.number().nullable(),
    readiness: z.enum(FLEET_READINESS),
    goldenPathLevel: z.string().nullable(),
    policyState: z
      .string()
      .optional()
      .describe('The error-budget policy state; absent when none'),
    updatedAt: z.string(),
  });

/**
 * `list-reliability-fleet`: a page of the fleet, filtered by tier, SLO
 * status, owner, system, readiness and error-budget policy state. The
 * same read as `GET /fleet` (`reliability.entity.read` and its conditions,
 * the catalog's read permission, keyset cursors).
 */
export function registerFleetAction(ctx: FleetActionsContext) {
  ctx.actionsRegistry.register({
    name: 'list-reliability-fleet',
    title: 'List the reliability fleet',
    description: `A page of the catalog entities with their reliability figures (tier, worst SLO status and error budget remaining, owner, readiness, golden-path level, error-budget policy state, pages and response times over 28 days), filtered by tier, SLO status, owner, system, readiness or policy state. Use nextCursor for the next page. Example: tier-1 services whose SLOs are breaching, and their owners. Read-only; lists only entities the caller may see. Sorts: ${FLEET_SORT_KEYS.join(
      ', ',
    )} (prefix "-" for descending).`,
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z
          .object({
            tier: filterList(
              z,
              'Tier ids, e.g. ["tier-1"]; "none" for no tier',
            ),
            sloStatus: z
              .array(z.enum(FLEET_SLO_STATUSES))
              .max(10)
              .optional()
              .describe('Worst SLO statuses, e.g. ["breaching", "at-risk"]'),
            owner: filterList(
              z,
              'Owners, e.g. ["group:default/payments"] (the kind defaults to group)',
            ),
            system: filterList(z, 'Systems, e.g. ["system:default/shop"]'),
            readiness: z
              .array(z.enum(FLEET_READINESS))
              .max(10)
              .optional()
              .describe('Readiness statuses'),
            policyState: z
              .array(z.string().regex(FLEET_POLICY_STATE))
              .max(20)
              .optional()
              .describe(
                'Error-budget policy states, e.g. ["exhausted", "frozen"]; "none" for entities without a state',
              ),
            sort: z.enum(FLEET_SORTS).optional(),
            cursor: z
              .string()
              .min(1)
              .max(2048)
              .optional()
              .describe(
                'The nextCursor of the previous page, with the same sort',
              ),
            limit: z
              .number()
              .int()
              .min(1)
              .max(MAX_LIMIT)
              .optional()
              .describe(`Rows per page, default ${DEFAULT_LIMIT}`),
          })
          .strict(),
      output: z =>
        z.object({
          items: z.array(fleetRow(z)),
          totalCount: z
            .number()
            .describe('Entities matching the filters that the caller may see'),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const refs = (
        field: string,
        values: string[] | undefined,
        kind: string,
      ) => values?.map(v => stringifyEntityRef(parseRefInput(field, v, kind)));
      const page = await ctx.fleetReads.listPage(credentials, {
        tier: input.tier,
        sloStatus: input.sloStatus,
        owner: refs('owner', input.owner, 'group'),
        system: refs('system', input.system, 'system'),
        readiness: input.readiness,
        policyState: input.policyState,
        sort: input.sort,
        cursor: input.cursor,
        limit: input.limit ?? DEFAULT_LIMIT,
      });
      return { output: page };
    },
  });
}
