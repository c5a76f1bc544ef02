import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityReadiness } from '@reliability-kit/backstage-plugin-reliability-common';
import { READ_ONLY, entityRefInput, parseRefInput } from './actionInput';
import { FleetActionsContext } from './types';

const DEFAULT_LIMIT = 100;

/** Overdue and expiring readiness items of the entities of one owner. */
export function ownerReadinessDue(
  sections: Array<{
    entityRef: string;
    tier: string | null;
    readiness: EntityReadiness | undefined;
  }>,
) {
  const overdue = [];
  const expiring = [];
  for (const { entityRef, tier, readiness } of sections) {
    for (const item of readiness?.items ?? []) {
      if (!item.required) continue;
      if (item.state === 'failed' || item.state === 'missing') {
        overdue.push({
          entityRef,
          tier,
          itemId: item.id,
          title: item.title,
          kind: item.kind,
          state: item.state,
          detail: item.detail,
          ...(item.howToFix ? { howToFix: item.howToFix } : {}),
        });
      } else if (item.state === 'expiring' && item.expiresAt) {
        expiring.push({
          entityRef,
          tier,
          itemId: item.id,
          title: item.title,
          record: item.exemption
            ? ('exemption' as const)
            : ('attestation' as const),
          expiresAt: item.expiresAt,
        });
      }
    }
  }
  expiring.sort(
    (a, b) =>
      a.expiresAt.localeCompare(b.expiresAt) ||
      a.entityRef.localeCompare(b.entityRef),
  );
  return { overdue, expiring };
}

/**
 * `list-owner-readiness-due`: for an owner, the required readiness items
 * of its entities that fail or are missing (an expired attestation
 * included), and the attestations and exemptions that run out soon. The
 * entities are the owner's rows of the fleet table that the caller may see
 * (the fleet routes' visibility), their readiness the stored evaluation.
 *
 * Reserved: the incidents feature adds the owner's overdue corrective
 * actions here, as a `correctiveActions` list next to `overdue`.
 */
export function registerOwnerReadinessAction(ctx: FleetActionsContext) {
  ctx.actionsRegistry.register({
    name: 'list-owner-readiness-due',
    title: 'Overdue and expiring readiness of an owner',
    description:
      "For a team (or user), the production readiness items its services must have for their tier but fail or miss (including attestations that expired), and the attestations and exemptions that expire soon. Read-only; covers only the owner's entities the caller may see.",
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z
          .object({
            owner: entityRefInput(
              z,
              'The owner, e.g. "group:default/payments" (the kind defaults to group)',
            ),
            limit: z
              .number()
              .int()
              .min(1)
              .max(500)
              .optional()
              .describe(`Items per list, default ${DEFAULT_LIMIT}`),
          })
          .strict(),
      output: z => {
        const base = {
          entityRef: z.string(),
          tier: z.string().nullable(),
          itemId: z.string(),
          title: z.string(),
        };
        return z.object({
          owner: z.string(),
          entities: z
            .number()
            .describe("The owner's entities the caller may see"),
          evaluated: z
            .number()
            .describe('Of those, the entities with a readiness evaluation'),
          overdue: z.array(
            z.object({
              ...base,
              kind: z.enum(['automatic', 'attested']),
              state: z.enum(['failed', 'missing']),
              detail: z.string(),
              howToFix: z.string().optional(),
            }),
          ),
          overdueCount: z.number(),
          expiring: z.array(
            z.object({
              ...base,
              record: z.enum(['attestation', 'exemption']),
              expiresAt: z.string(),
            }),
          ),
          expiringCount: z.number(),
        });
      },
    },
    action: async ({ input, credentials }) => {
      const owner = stringifyEntityRef(
        parseRefInput('owner', input.owner, 'group'),
      );
      const limit = input.limit ?? DEFAULT_LIMIT;
      const visibility = await ctx.fleetReads.visibilityFor(credentials);
      const rows = await ctx.fleetReads.visibleRows(visibility, {
        owner: [owner],
      });
      const stored = await ctx.store.readSectionOf(
        'readiness',
        rows.map(r => r.entityRef),
      );
      const { overdue, expiring } = ownerReadinessDue(
        rows.map(r => ({
          entityRef: r.entityRef,
          tier: r.tier,
          readiness: stored.get(r.entityRef)?.items[0] as
            | EntityReadiness
            | undefined,
        })),
      );
      return {
        output: {
          owner,
          entities: rows.length,
          evaluated: rows.filter(r => stored.get(r.entityRef)?.items.length)
            .length,
          overdue: overdue.slice(0, limit),
          overdueCount: overdue.length,
          expiring: expiring.slice(0, limit),
          expiringCount: expiring.length,
        },
      };
    },
  });
}
