import {
  CampaignAudience,
  CampaignEntityStatus,
  CampaignProgress,
  CampaignTarget,
} from '../api/campaigns';
import { ReadinessItemState } from '../api/readiness';

/**
 * What an entity's audience match reads: its fleet row and, when the
 * audience filters by them, its lifecycle and tags.
 *
 * @public
 */
export interface CampaignAudienceFacts {
  /** The entity kind, lower case. */
  kind: string;
  /** Its tier id; null without a (valid) tier. */
  tier: string | null;
  /** Its owner ref; null without an owner. */
  ownerRef: string | null;
  /** Its system ref; null without a system. */
  systemRef: string | null;
  /** `spec.lifecycle`, when the audience filters by it. */
  lifecycle?: string | null;
  /** `metadata.tags`, when the audience filters by them. */
  tags?: string[];
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** A test of one field: any of the values is wanted (no wanted = any). */
function fieldTest(wanted: string[] | undefined) {
  if (!wanted || wanted.length === 0) return undefined;
  const set = new Set(wanted.map(lower));
  return (values: ReadonlyArray<string | null | undefined>) =>
    values.some(v => typeof v === 'string' && set.has(lower(v)));
}

/**
 * The audience test of a campaign, built once for many entities: every set
 * field matches (AND), any value of a field does (OR), case-insensitively;
 * tags match when the entity has any of them. An empty audience matches
 * every entity.
 *
 * @public
 */
export function campaignAudienceMatcher(
  audience: CampaignAudience,
): (facts: CampaignAudienceFacts) => boolean {
  const tests: Array<(f: CampaignAudienceFacts) => boolean> = [];
  const add = (
    wanted: string[] | undefined,
    values: (
      f: CampaignAudienceFacts,
    ) => ReadonlyArray<string | null | undefined>,
  ) => {
    const test = fieldTest(wanted);
    if (test) tests.push(f => test(values(f)));
  };
  add(audience.kinds, f => [f.kind]);
  add(audience.tiers, f => [f.tier]);
  add(audience.owners, f => [f.ownerRef]);
  add(audience.systems, f => [f.systemRef]);
  add(audience.lifecycles, f => [f.lifecycle]);
  add(audience.tags, f => f.tags ?? []);
  return facts => tests.every(t => t(facts));
}

/**
 * Whether an entity is in a campaign's audience (see
 * {@link campaignAudienceMatcher}).
 *
 * @public
 */
export function matchesCampaignAudience(
  audience: CampaignAudience,
  facts: CampaignAudienceFacts,
): boolean {
  return campaignAudienceMatcher(audience)(facts);
}

/**
 * Whether a campaign's audience needs the entities' lifecycle or tags
 * (which the fleet table does not hold).
 *
 * @public
 */
export function audienceNeedsCatalog(audience: CampaignAudience): boolean {
  return Boolean(audience.lifecycles?.length || audience.tags?.length);
}

/**
 * The stored results of one entity a campaign status reads: its evaluated
 * readiness items and scorecard results (as the readiness evaluator stored
 * them).
 *
 * @public
 */
export interface CampaignEntityResults {
  /** The evaluated readiness items (the `readiness` section's items). */
  readiness?: Array<{ id: string; title: string; state: ReadinessItemState }>;
  /** The scorecard results (the `scorecards` section's items). */
  scorecards?: Array<{
    scorecardId: string;
    title?: string;
    level: string | null;
    checks: Array<{
      checkId: string;
      title: string;
      state: 'passed' | 'failed' | 'exempt';
    }>;
  }>;
}

/**
 * Where an entity stands in a campaign, with what is still missing (item,
 * check and level titles).
 *
 * @public
 */
export interface CampaignEntityEvaluation {
  /** Where it stands. */
  status: CampaignEntityStatus;
  /** Item, check and level titles still missing (not done only). */
  missing: string[];
}

const DONE_ITEM: ReadinessItemState[] = ['passed', 'attested', 'expiring'];

/**
 * An entity's status for a campaign target, from its stored results only:
 *
 * - `exempt` when the campaign exempts the entity, or when nothing is
 *   missing but an item or check counts only through its own exemption;
 * - `done` when every readiness item is passed or attested (or expiring),
 *   every scorecard check passes and the scorecard level is reached (or
 *   exceeded);
 * - otherwise `not-done`, with what is missing. An item or check without a
 *   stored result is missing.
 *
 * `levelOrder` gives a scorecard's level ids, lowest first.
 *
 * @public
 */
export function evaluateCampaignEntity(
  target: CampaignTarget,
  results: CampaignEntityResults | undefined,
  options: {
    levelOrder(scorecardId: string): string[] | undefined;
    campaignExempt?: boolean;
  },
): CampaignEntityEvaluation {
  if (options.campaignExempt) return { status: 'exempt', missing: [] };
  const missing: string[] = [];
  let itemExempt = false;
  const items = results?.readiness ?? [];
  for (const id of target.readinessItems ?? []) {
    const item = items.find(i => i.id === id);
    if (item && DONE_ITEM.includes(item.state)) continue;
    if (item?.state === 'exempt') {
      itemExempt = true;
      continue;
    }
    missing.push(item?.title ?? id);
  }
  const cards = results?.scorecards ?? [];
  const card = (id: string) => cards.find(s => s.scorecardId === id);
  for (const { scorecardId, checkId } of target.scorecardChecks ?? []) {
    const check = card(scorecardId)?.checks.find(c => c.checkId === checkId);
    if (check?.state === 'passed') continue;
    if (check?.state === 'exempt') {
      itemExempt = true;
      continue;
    }
    missing.push(check?.title ?? checkId);
  }
  if (target.scorecardLevel) {
    const { scorecardId, level } = target.scorecardLevel;
    const order = options.levelOrder(scorecardId) ?? [];
    const result = card(scorecardId);
    const reached = result?.level ?? null;
    const reachedIndex = reached === null ? -1 : order.indexOf(reached);
    if (reachedIndex < order.indexOf(level) || order.indexOf(level) < 0) {
      missing.push(`${result?.title ?? scorecardId}: level ${level}`);
    }
  }
  if (missing.length) return { status: 'not-done', missing };
  return { status: itemExempt ? 'exempt' : 'done', missing: [] };
}

/**
 * A campaign's progress from its entities' statuses: in scope = every
 * entity in the audience now; done share = done / (in scope - exempt),
 * null when nothing counts.
 *
 * @public
 */
export function campaignProgressOf(
  counts: {
    done: number;
    notDone: number;
    exempt: number;
    joined: number;
    left: number;
  },
  computedAt: Date,
): CampaignProgress {
  const inScope = counts.done + counts.notDone + counts.exempt;
  const counted = inScope - counts.exempt;
  return {
    inScope,
    done: counts.done,
    notDone: counts.notDone,
    exempt: counts.exempt,
    joined: counts.joined,
    left: counts.left,
    doneShare: counted > 0 ? counts.done / counted : null,
    computedAt: computedAt.toISOString(),
  };
}
