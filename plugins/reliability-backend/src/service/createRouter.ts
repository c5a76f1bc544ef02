import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityReadiness,
  EntityReliability,
  HealthResponse,
  ReliabilitySection,
  SloHistoryResponse,
  ScorecardResult,
  SloSnapshot,
  TierModel,
  reliabilityAdminPermission,
  readEntityTier,
  reliabilityEntityReadPermission,
  worstSloStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PrometheusRuleGroup,
  generateSlothRules,
} from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import Router from 'express-promise-router';
import { parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { TeamHours } from '../config/readTeamsConfig';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { addAlertQualityRoutes } from '../alertQuality/alertQualityRoutes';
import { FleetStore, addFleetRoutes } from '../fleet';
import { isoTime, parseQuery } from './request';
import { ReadinessStore } from '../readiness/ReadinessStore';
import { ReadinessEvaluator } from '../readiness/ReadinessEvaluator';
import { addReadinessRoutes } from '../readiness/readinessRoutes';
import { addScorecardRoutes } from '../readiness/scorecardRoutes';
import { Clock } from '../lib/Clock';

/** Catalog name rules: letters, digits and `-_.`, at most 63 characters. */
const namePart = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

const entityParams = z.object({
  kind: namePart,
  namespace: namePart,
  name: namePart,
});

function parseEntityName(entityRef: string): string {
  return entityRef.slice(entityRef.lastIndexOf('/') + 1);
}

function parseEntityParams(params: unknown) {
  const parsed = entityParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid entity ${issue.path.join(
        '.',
      )}: must be 1-63 letters, digits, dashes, underscores or dots`,
    );
  }
  return parsed.data;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_HISTORY_DAYS = 400;

const sloIdParam = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

const isoDate = isoTime;

const historyQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict();

const rulesQuery = z
  .object({ format: z.enum(['yaml', 'json']).optional() })
  .strict();

/** The longest text of a comment line of the rules export. */
export const MAX_YAML_COMMENT = 500;

/**
 * One YAML comment line (`# ...`) of untrusted text: line breaks (LF, CR,
 * NEL, U+2028, U+2029) and every other control or format character are
 * written as escapes (`\\n`, `\\u2028`), lone surrogates become U+FFFD, and
 * the text is cut at {@link MAX_YAML_COMMENT} characters. So the text can
 * never end the comment, start a document (`---`) or add keys.
 */
export function yamlComment(text: string): string {
  const chars = Array.from(text, c => {
    const code = c.codePointAt(0) ?? 0;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd'; // lone surrogate
    if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff
    ) {
      return `\\u${code.toString(16).padStart(4, '0')}`;
    }
    return c;
  });
  // Whole characters and escapes only, at most MAX_YAML_COMMENT in all.
  let kept = '';
  let length = 0;
  for (const piece of chars) {
    const size = Array.from(piece).length;
    if (length + size > MAX_YAML_COMMENT) {
      return `# ${kept}...`;
    }
    kept += piece;
    length += size;
  }
  return `# ${kept}`;
}

/**
 * The rule file as YAML, checked to read back as exactly what was written:
 * literal block scalars (the `yaml` package's folded ones do not read back
 * text with U+2028 or U+2029), or double-quoted strings when even those do
 * not.
 */
export function rulesYaml(file: { groups: PrometheusRuleGroup[] }): string {
  const expected = JSON.stringify(file);
  for (const blockQuote of ['literal', false] as const) {
    const text = stringifyYaml(file, { blockQuote });
    const docs = parseAllDocuments(text, { strict: true, uniqueKeys: true });
    if (
      Array.isArray(docs) &&
      docs.length === 1 &&
      docs[0].errors.length === 0 &&
      JSON.stringify(docs[0].toJS()) === expected
    ) {
      return text;
    }
  }
  throw new Error('The rules export could not be written as YAML');
}

function emptySection<T>(): ReliabilitySection<T> {
  return {
    status: 'not-collected',
    items: [],
    problems: [],
    demo: false,
    computedAt: null,
    stale: false,
  };
}

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  store: ReliabilityStore;
  tierModel: TierModel;
  permissions: PermissionsService;
  hoursOf(ownerRef: string | undefined): TeamHours;
  autoResolveThresholdMs?: number;
  /** The fleet table; without it the fleet routes are not mounted. */
  fleet?: FleetStore;
  /** Readiness and scorecards; without them their routes are not mounted. */
  readinessStore?: ReadinessStore;
  evaluator?: ReadinessEvaluator;
  /** The one clock of the plugin (plugin.ts). */
  clock: Clock;
  /** Starts a scheduled task now (`SchedulerService.triggerTask`). */
  triggerTask?(id: string): Promise<void>;
}

/** The refreshes an admin can trigger, by name. */
const REFRESH_TASKS: Record<string, string> = {
  entityIndex: 'reliability-entity-index',
  slo: 'reliability-slo-collector',
  alertQuality: 'reliability-alert-quality-collector',
  readiness: 'reliability-readiness',
};

const refreshQuery = z
  .object({ task: z.enum(['entityIndex', 'slo', 'alertQuality', 'readiness']) })
  .strict();

/**
 * The HTTP API of the reliability backend. Page views read the catalog (for
 * visibility and the tier) and the store; they never call an upstream.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, store, tierModel, permissions } = options;
  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  /**
   * The entity of a request's `:kind/:namespace/:name`. The permission policy
   * decides `reliability.entity.read` on it first; then the entity is read
   * from the catalog with the caller's credentials, so the catalog applies
   * its own read permissions too. Either way an entity the caller may not see
   * is not found, with the same answer as one that does not exist, and
   * nothing is read from the store or an upstream.
   */
  const requestEntity = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = parseEntityParams(req.params);
    const ref = stringifyEntityRef({ kind, namespace, name });
    const [decision] = await permissions.authorize(
      [{ permission: reliabilityEntityReadPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotFoundError(`No entity ${ref} found in the catalog`);
    }
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} found in the catalog`);
    }
    return { entity, entityRef: stringifyEntityRef(entity) };
  };

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const { entity, entityRef } = await requestEntity(req);
    const stored = await store.readSections(entityRef);
    const slos =
      (stored.slos as ReliabilitySection<SloSnapshot> | undefined) ??
      emptySection<SloSnapshot>();

    const body: EntityReliability = {
      entityRef,
      tier: readEntityTier(entity, tierModel),
      sloStatus: worstSloStatus(slos.items.map(i => i.status)),
      sections: {
        slos,
        alertQuality: stored.alertQuality ?? emptySection(),
        // Written by the readiness evaluator with these item types.
        readiness:
          (stored.readiness as
            | ReliabilitySection<EntityReadiness>
            | undefined) ?? emptySection<EntityReadiness>(),
        scorecards:
          (stored.scorecards as
            | ReliabilitySection<ScorecardResult>
            | undefined) ?? emptySection<ScorecardResult>(),
      },
    };
    res.json(body);
  });

  router.get(
    '/entities/:kind/:namespace/:name/slos/:sloId/history',
    async (req, res) => {
      const sloId = sloIdParam.safeParse(req.params.sloId);
      if (!sloId.success) {
        throw new InputError(
          'Invalid SLO id: must be 1-255 letters, digits, dots, colons, dashes or underscores',
        );
      }
      const { from, to } = parseQuery(historyQuery, req.query);
      const toDate = to ? new Date(to) : options.clock.now();
      const fromDate = from
        ? new Date(from)
        : new Date(toDate.getTime() - 30 * DAY_MS);
      if (fromDate.getTime() >= toDate.getTime()) {
        throw new InputError('"from" must be before "to"');
      }
      if (toDate.getTime() - fromDate.getTime() > MAX_HISTORY_DAYS * DAY_MS) {
        throw new InputError(
          `The history range must not exceed ${MAX_HISTORY_DAYS} days`,
        );
      }

      const { entityRef: ref } = await requestEntity(req);
      const points = await store.readSloHistory(
        ref,
        sloId.data,
        fromDate.toISOString(),
        toDate.toISOString(),
      );
      if (points.length === 0) {
        const slos = (await store.readSections(ref)).slos?.items as
          | SloSnapshot[]
          | undefined;
        if (!slos?.some(s => s.id === sloId.data)) {
          throw new NotFoundError(`${ref} has no SLO "${sloId.data}"`);
        }
      }
      const body: SloHistoryResponse = {
        entityRef: ref,
        sloId: sloId.data,
        from: fromDate.toISOString(),
        to: toDate.toISOString(),
        points,
      };
      res.json(body);
    },
  );

  // Refresh triggers, for admins (reliability.admin).
  router.post('/admin/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { task } = parseQuery(refreshQuery, req.query);
    const [decision] = await options.permissions.authorize(
      [{ permission: reliabilityAdminPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Only administrators can trigger refreshes');
    }
    if (!options.triggerTask) {
      throw new NotFoundError('Refresh triggers are not available');
    }
    try {
      await options.triggerTask(REFRESH_TASKS[task]);
    } catch (error) {
      // The task is not scheduled: its feature has no source configured.
      throw new NotFoundError(
        `The ${task} refresh is not running: ${(error as Error).message}`,
      );
    }
    res.status(202).json({ task, triggered: true });
  });

  router.get('/slos/rules', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { format } = parseQuery(rulesQuery, req.query);
    // Only SLOs of entities the caller may read: first the policy's decision
    // for reliability.entity.read as a whole. DENY: nothing, without reading
    // the store or the catalog. CONDITIONAL: decided per entity by the
    // permission framework, which has the catalog evaluate the conditions
    // with its own rules (custom catalog rules included).
    const [readDecision] = await permissions.authorizeConditional(
      [{ permission: reliabilityEntityReadPermission }],
      { credentials },
    );
    const definitions =
      readDecision.result === AuthorizeResult.DENY
        ? []
        : await store.listSloDefinitions();
    const refs = [...new Set(definitions.map(d => d.entityRef))];
    // ... and only those the caller may see in the catalog.
    const visible = new Set<string>();
    if (refs.length > 0) {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      items.forEach(e => e && visible.add(stringifyEntityRef(e)));
    }
    if (readDecision.result === AuthorizeResult.CONDITIONAL && visible.size) {
      const candidates = [...visible];
      const decisions = await permissions.authorize(
        candidates.map(resourceRef => ({
          permission: reliabilityEntityReadPermission,
          resourceRef,
        })),
        { credentials },
      );
      decisions.forEach((d, i) => {
        if (d.result !== AuthorizeResult.ALLOW) visible.delete(candidates[i]);
      });
    }
    const groups: PrometheusRuleGroup[] = [];
    const skipped: Array<{ entityRef: string; sloId: string; reason: string }> =
      [];
    for (const { entityRef, spec } of definitions) {
      if (!visible.has(entityRef)) continue;
      try {
        groups.push(
          ...generateSlothRules(spec, {
            service: spec.service ?? parseEntityName(entityRef),
          }).groups,
        );
      } catch (error) {
        skipped.push({
          entityRef,
          sloId: spec.id,
          reason: (error as Error).message,
        });
      }
    }
    if (format === 'json') {
      res.json({ groups, skipped });
      return;
    }
    // Comments are the only text not written by the YAML serializer: each
    // skipped SLO is one comment line, its text made safe by yamlComment.
    const header = skipped
      .map(s =>
        yamlComment(`skipped ${s.entityRef} SLO ${s.sloId}: ${s.reason}`),
      )
      .join('\n');
    res
      .type('application/yaml')
      .send(`${header ? `${header}\n` : ''}${rulesYaml({ groups })}`);
  });

  addAlertQualityRoutes(router, {
    httpAuth,
    permissions: options.permissions,
    store,
    hoursOf: options.hoursOf,
    autoResolveThresholdMs: options.autoResolveThresholdMs,
    entity: requestEntity,
    catalog,
    clock: options.clock,
  });

  if (options.readinessStore && options.evaluator) {
    addReadinessRoutes(router, {
      httpAuth,
      permissions,
      readinessStore: options.readinessStore,
      evaluator: options.evaluator,
      entity: requestEntity,
      clock: options.clock,
    });
    addScorecardRoutes(router, {
      httpAuth,
      permissions,
      catalog,
      store,
      readinessStore: options.readinessStore,
      evaluator: options.evaluator,
      fleet: options.fleet,
      clock: options.clock,
    });
  }

  if (options.fleet) {
    addFleetRoutes(router, {
      httpAuth,
      permissions,
      catalog,
      fleet: options.fleet,
      criticalTier: tierModel.tiers[0]?.id,
      clock: options.clock,
    });
  }

  return router;
}
