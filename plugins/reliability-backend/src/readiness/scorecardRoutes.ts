import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ScorecardAdoption,
  ScorecardList,
  ScorecardResultsPage,
  ScorecardSummary,
  StoredPushedResult,
  reliabilityScorecardPushPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { ScorecardDefinition } from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import { z } from 'zod';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { FleetStore } from '../fleet/FleetStore';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import { ReadinessStore } from './ReadinessStore';
import {
  assertScorecardHasCheck,
  configuredScorecard,
} from './configuredScorecard';
import {
  Visibility,
  visibilityOf,
  httpUrl,
  integerParam,
  multi,
  normalizeRefs,
  parseBody,
  parseQuery,
  single,
  userText,
  entityRefInput,
  requirePermission,
} from '../service/request';
import { actorOf } from './readinessRoutes';
import { Clock } from '../lib/Clock';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Results per push request. */
const MAX_PUSH = 500;
/** Rows of a scorecard read to apply a CONDITIONAL decision. */
const MAX_SCAN = 1_000_000;

const text = z.string().min(1).max(255);

const resultsQuery = z
  .object({
    owner: multi(text).optional(),
    tier: multi(text).optional(),
    level: multi(text).optional(),
    failing: single(text).optional(),
    cursor: single(z.string().min(1).max(1024)).optional(),
    limit: single(integerParam(1, 500)).optional(),
  })
  .strict();

const summaryQuery = z
  .object({ groupBy: single(z.enum(['owner', 'tier'])).optional() })
  .strict();

const trendQuery = z
  .object({ days: single(integerParam(1, 400)).optional() })
  .strict();

const pushedResult = z
  .object({
    entityRef: z.string().min(1).max(255),
    passed: z.boolean(),
    value: z
      .union([
        z.number().finite(),
        userText(z.string().max(200), { multiline: false }),
        z.boolean(),
      ])
      .optional(),
    details: userText(z.string().max(1000), { multiline: true }).optional(),
    url: httpUrl.optional(),
  })
  .strict();

const pushBody = z.union([
  pushedResult,
  z
    .object({
      results: z
        .array(pushedResult)
        .min(1, 'must not be empty')
        .max(MAX_PUSH, `must have at most ${MAX_PUSH} results`),
    })
    .strict(),
]);

/** Entities at any level / entities; null without entities. */
function adoptionOf(
  entities: number,
  byLevel: Record<string, number>,
): number | null {
  return entities ? (entities - (byLevel.none ?? 0)) / entities : null;
}

function encodeCursor(entityRef: string) {
  return Buffer.from(JSON.stringify({ r: entityRef })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    // Like the fleet cursor: an empty or overlong position is not a cursor.
    if (
      typeof parsed?.r === 'string' &&
      parsed.r.length > 0 &&
      parsed.r.length <= 255
    ) {
      return parsed.r;
    }
  } catch {
    // fall through
  }
  throw new InputError('Invalid query parameter "cursor": not a valid cursor');
}

export interface ScorecardRouteOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ReliabilityStore;
  readinessStore: ReadinessStore;
  evaluator: ReadinessEvaluator;
  /** Evaluates translatable permission conditions in the database. */
  fleet?: FleetStore;
  clock: Clock;
}

/**
 * `GET /scorecards`, `/scorecards/:id/results|summary|trend` (read from the
 * stored results, filtered by `reliability.entity.read`) and the push API
 * `POST /scorecards/:id/checks/:checkId/results` for service credentials.
 */
export function addScorecardRoutes(
  router: express.Router,
  options: ScorecardRouteOptions,
) {
  const { httpAuth, permissions, catalog, readinessStore, evaluator } = options;
  const clock = () => options.clock.now();

  const scorecardOf = (scorecardId: string): ScorecardDefinition =>
    configuredScorecard(evaluator.config, scorecardId);

  const readerOf = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return visibilityOf(credentials, {
      permissions,
      catalog,
      matchingRefs: options.fleet
        ? filter => options.fleet!.listRefsMatching(filter)
        : undefined,
    });
  };

  /** The allow-list for a store query: undefined = all, [] = nothing. */
  const allowedRefs = async (
    visibility: Visibility,
    scorecardId: string,
  ): Promise<string[] | undefined> => {
    if (visibility.kind === 'all') return undefined;
    if (visibility.kind === 'none') return [];
    const { items } = await readinessStore.listScorecardResults(scorecardId, {
      limit: MAX_SCAN,
    });
    return [...(await visibility.visible(items.map(i => i.entityRef)))];
  };

  router.get('/scorecards', async (req, res) => {
    parseQuery(z.object({}).strict(), req.query);
    const visibility = await readerOf(req);
    const items: ScorecardSummary[] = [];
    const checks = new Map(evaluator.config.checks.map(c => [c.id, c]));
    for (const scorecard of evaluator.config.scorecards) {
      const entityRefs = await allowedRefs(visibility, scorecard.id);
      const [group] =
        entityRefs && entityRefs.length === 0
          ? []
          : await readinessStore.summarizeScorecard(scorecard.id, {
              entityRefs,
            });
      const entities = group?.entities ?? 0;
      const byLevel: Record<string, number> = { none: 0 };
      scorecard.levels.forEach(l => (byLevel[l.id] = 0));
      Object.assign(byLevel, group?.byLevel ?? {});
      items.push({
        id: scorecard.id,
        title: scorecard.title,
        ...(scorecard.description
          ? { description: scorecard.description }
          : {}),
        levels: scorecard.levels.map(l => ({
          id: l.id,
          title: l.title,
          checks: l.checks.map(c => ({
            id: c.check,
            title: checks.get(c.check)?.title ?? c.check,
            weight: c.weight,
            pushed: checks.get(c.check)?.pushed ?? false,
          })),
        })),
        entities,
        byLevel,
        adoption: adoptionOf(entities, byLevel),
        evaluatedAt: group?.evaluatedAt ?? null,
      });
    }
    const body: ScorecardList = { items };
    res.json(body);
  });

  router.get('/scorecards/:id/results', async (req, res) => {
    const query = parseQuery(resultsQuery, req.query);
    const scorecard = scorecardOf(req.params.id);
    const visibility = await readerOf(req);
    const entityRefs = await allowedRefs(visibility, scorecard.id);
    const limit = query.limit ?? 50;
    if (entityRefs && entityRefs.length === 0) {
      const empty: ScorecardResultsPage = {
        scorecardId: scorecard.id,
        items: [],
        totalCount: 0,
      };
      res.json(empty);
      return;
    }
    const { items, totalCount } = await readinessStore.listScorecardResults(
      scorecard.id,
      {
        owner: normalizeRefs('owner', query.owner, 'group'),
        tier: query.tier,
        level: query.level,
        failing: query.failing,
        entityRefs,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: limit + 1,
      },
    );
    const body: ScorecardResultsPage = {
      scorecardId: scorecard.id,
      items: items.slice(0, limit),
      totalCount,
    };
    if (items.length > limit) {
      body.nextCursor = encodeCursor(items[limit - 1].entityRef);
    }
    res.json(body);
  });

  router.get('/scorecards/:id/summary', async (req, res) => {
    const { groupBy } = parseQuery(summaryQuery, req.query);
    const scorecard = scorecardOf(req.params.id);
    const visibility = await readerOf(req);
    const entityRefs = await allowedRefs(visibility, scorecard.id);
    const groups =
      entityRefs && entityRefs.length === 0
        ? []
        : await readinessStore.summarizeScorecard(scorecard.id, {
            groupBy: groupBy ?? 'owner',
            entityRefs,
          });
    const body: ScorecardAdoption = {
      scorecardId: scorecard.id,
      groupBy: groupBy ?? 'owner',
      groups: groups.map(g => ({
        key: g.key,
        entities: g.entities,
        byLevel: g.byLevel,
        // groups are never empty
        adoption: adoptionOf(g.entities, g.byLevel) ?? 0,
        meanScore: g.meanScore,
      })),
    };
    res.json(body);
  });

  router.get('/scorecards/:id/trend', async (req, res) => {
    const { days } = parseQuery(trendQuery, req.query);
    const scorecard = scorecardOf(req.params.id);
    const visibility = await readerOf(req);
    const entityRefs = await allowedRefs(visibility, scorecard.id);
    const fromDay = new Date(clock().getTime() - (days ?? 90) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    res.json({
      items:
        entityRefs && entityRefs.length === 0
          ? []
          : await readinessStore.scorecardTrend(scorecard.id, {
              fromDay,
              entityRefs,
            }),
    });
  });

  router.post('/scorecards/:id/checks/:checkId/results', async (req, res) => {
    // Service credentials only: CI pushes with a static token or external
    // access configured in backend.auth.externalAccess.
    const credentials = await httpAuth.credentials(req, {
      allow: ['service'],
    });
    await requirePermission(
      permissions,
      reliabilityScorecardPushPermission,
      credentials,
      'These credentials may not push scorecard results (reliability.scorecard.push)',
    );
    const scorecard = scorecardOf(req.params.id);
    const checkId = req.params.checkId;
    assertScorecardHasCheck(scorecard, checkId);
    const check = evaluator.config.checks.find(c => c.id === checkId)!;
    if (!check.pushed) {
      throw new InputError(
        `Check "${checkId}" is evaluated from facts, not pushed; set "pushed: true" on it in reliability.checks to accept results`,
      );
    }
    const body = parseBody(pushBody, req.body, 'pushed result');
    const inputs = 'results' in body ? body.results : [body];
    const refs = inputs.map((input, i) =>
      entityRefInput(
        input.entityRef,
        'component',
        `Invalid pushed result: "results.${i}.entityRef" "${input.entityRef}" is not an entity reference`,
      ),
    );
    const indexed = new Set(
      (await options.store.getIndexedEntities(refs)).map(e => e.entityRef),
    );
    const unknown = refs.find(ref => !indexed.has(ref));
    if (unknown) {
      throw new InputError(
        `Invalid pushed result: "${unknown}" is not a component in the catalog`,
      );
    }
    if (new Set(refs).size !== refs.length) {
      throw new InputError(
        'Invalid pushed result: an entity appears more than once',
      );
    }
    const actor = actorOf(credentials);
    const pushedAt = clock().toISOString();
    const stored: StoredPushedResult[] = inputs.map((input, i) => ({
      ...input,
      entityRef: refs[i],
      checkId,
      scorecardId: scorecard.id,
      pushedBy: actor,
      pushedAt,
    }));
    await readinessStore.upsertPushedResults(
      stored,
      stored.map(s => ({
        at: pushedAt,
        actor,
        action: 'push',
        entityRef: s.entityRef,
        target: `scorecard:${scorecard.id}/${checkId}`,
        details: { ...s },
      })),
    );
    await evaluator.evaluateEntities(refs);
    res.status(202).json({ accepted: stored.length });
  });
}
