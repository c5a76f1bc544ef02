import {
  ScorecardHistoryPoint,
  ScorecardResult,
  ScorecardResultRow,
  ScorecardTrendPoint,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import { contentHash } from '../lib/contentHash';
import { compareKeys } from '../lib/compareKeys';
import {
  ScorecardGroupSummary,
  ScorecardResultListing,
  ScorecardResultQuery,
  ScorecardHistoryWrite,
  ScorecardResultWrite,
} from './ReadinessStore';
import {
  IN_CHUNK,
  WRITE_CHUNK,
  forEntityChunks,
  readByEntities,
} from './readByEntities';

const RESULTS = 'reliability_scorecard_results';
const HISTORY = 'reliability_scorecard_history';

/** Rows per keyset batch when an allow-list is applied in memory. */
const SCAN_BATCH = 1000;
/** The byLevel key of entities below the first level. */
const NO_LEVEL = 'none';

type ResultRow = {
  scorecard_id: string;
  entity_ref: string;
  owner_ref: string | null;
  tier: string | null;
  level: string | null;
  score: number;
  failing: string;
  result: string;
  evaluated_at: string;
  content_hash: string;
  history_day: string;
};

type StoredState = Pick<ResultRow, 'content_hash' | 'history_day'>;

type HistoryRow = {
  scorecard_id: string;
  entity_ref: string;
  day: string;
  level: string | null;
  score: number;
  owner_ref: string | null;
  tier: string | null;
};

/** The columns of a {@link ScorecardResultRow} (not the result JSON). */
const LISTED_COLUMNS = [
  'entity_ref',
  'owner_ref',
  'tier',
  'level',
  'score',
  'failing',
  'evaluated_at',
] as const;

type ListedRow = Omit<ResultRow, 'scorecard_id' | 'result'>;

type LevelCount = {
  n: number | string;
  total: number | string | null;
  evaluated_at?: string | null;
};

/** Code-unit order, null last (the order of summary groups). */
function toResultRowOut(r: ListedRow): ScorecardResultRow {
  return {
    entityRef: r.entity_ref,
    ownerRef: r.owner_ref,
    tier: r.tier,
    level: r.level,
    score: Number(r.score),
    failing: JSON.parse(r.failing),
    evaluatedAt: r.evaluated_at,
  };
}

/** Ids of the checks of a result whose state is `failed`. */
function failingChecks(result: ScorecardResult): string[] {
  return result.checks.filter(c => c.state === 'failed').map(c => c.checkId);
}

/** Adds per-level counts and score sums of several queries. */
class LevelTally {
  entities = 0;
  totalScore = 0;
  byLevel: Record<string, number> = {};
  evaluatedAt: string | null = null;

  add(level: string | null, row: LevelCount) {
    const at = row.evaluated_at ?? null;
    if (at !== null && (this.evaluatedAt === null || at > this.evaluatedAt)) {
      this.evaluatedAt = at;
    }
    const n = Number(row.n);
    this.entities += n;
    this.totalScore += Number(row.total ?? 0);
    const key = level ?? NO_LEVEL;
    this.byLevel[key] = (this.byLevel[key] ?? 0) + n;
  }

  get meanScore(): number {
    return this.entities ? this.totalScore / this.entities : 0;
  }

  get adoption(): number {
    return this.entities
      ? (this.entities - (this.byLevel[NO_LEVEL] ?? 0)) / this.entities
      : 0;
  }
}

type Dialect = 'pg' | 'sqlite' | 'other';

function dialectOf(db: Knex): Dialect {
  const client = String(db.client.config.client);
  if (['pg', 'postgres', 'postgresql'].includes(client)) return 'pg';
  if (['better-sqlite3', 'sqlite3', 'sqlite'].includes(client)) {
    return 'sqlite';
  }
  return 'other';
}

/** Where a nullable column is one of `values`, `none` meaning null. */
function whereNullable(q: Knex.QueryBuilder, column: string, values: string[]) {
  const present = values.filter(v => v !== NO_LEVEL);
  const none = values.includes(NO_LEVEL);
  q.where(w => {
    if (present.length) w.orWhereIn(column, present);
    if (none) w.orWhereNull(column);
  });
}

/**
 * The current scorecard results and their daily history of
 * {@link DatabaseReadinessStore}: writes, listings, summaries and trends.
 */
export class DatabaseScorecardResultStore {
  private readonly dialect: Dialect;

  constructor(private readonly db: Knex) {
    this.dialect = dialectOf(db);
  }

  /**
   * Stores the results of a run. A result whose content (result without
   * `evaluatedAt`, owner, tier) equals the stored one is not written again,
   * and its history row only once a day: a run that finds nothing changed
   * writes nothing.
   */
  async writeScorecardResults(
    scorecardId: string,
    rows: ScorecardResultWrite[],
    options: { day: string; removeOthers?: boolean },
  ): Promise<void> {
    const unique = new Map<string, ScorecardResultWrite>();
    for (const r of rows) unique.set(r.entityRef, r);
    const stored = await this.storedStates(
      scorecardId,
      options.removeOthers ? undefined : [...unique.keys()],
    );
    const gone = options.removeOthers
      ? [...stored.keys()].filter(ref => !unique.has(ref))
      : [];
    const current: ResultRow[] = [];
    const history: HistoryRow[] = [];
    for (const r of unique.values()) {
      const hash = contentHash([
        r.ownerRef,
        r.tier,
        r.resultHash ?? contentHash({ ...r.result, evaluatedAt: undefined }),
      ]);
      const before = stored.get(r.entityRef);
      const changed = before?.content_hash !== hash;
      if (!changed && before?.history_day === options.day) continue;
      const row: ResultRow = {
        scorecard_id: scorecardId,
        entity_ref: r.entityRef,
        owner_ref: r.ownerRef,
        tier: r.tier,
        level: r.result.level,
        score: r.result.score,
        failing: JSON.stringify(failingChecks(r.result)),
        result: JSON.stringify(r.result),
        evaluated_at: r.result.evaluatedAt,
        content_hash: hash,
        history_day: options.day,
      };
      history.push({
        scorecard_id: scorecardId,
        entity_ref: r.entityRef,
        day: options.day,
        level: row.level,
        score: row.score,
        owner_ref: row.owner_ref,
        tier: row.tier,
      });
      current.push(row);
    }
    if (!gone.length && !current.length) return;
    await this.db.transaction(async tx => {
      for (const part of chunk(gone, IN_CHUNK)) {
        await tx(RESULTS)
          .where('scorecard_id', scorecardId)
          .whereIn('entity_ref', part)
          .delete();
      }
      for (const part of chunk(current, WRITE_CHUNK)) {
        await tx(RESULTS)
          .insert(part)
          .onConflict(['scorecard_id', 'entity_ref'])
          .merge();
      }
      for (const part of chunk(history, WRITE_CHUNK)) {
        await tx(HISTORY)
          .insert(part)
          .onConflict(['scorecard_id', 'entity_ref', 'day'])
          .merge();
      }
    });
  }

  /** The stored hash and history day of each result (all, or of refs). */
  private async storedStates(
    scorecardId: string,
    entityRefs: string[] | undefined,
  ): Promise<Map<string, StoredState>> {
    const rows = await readByEntities(entityRefs, async refs => {
      const q = this.db(RESULTS)
        .where('scorecard_id', scorecardId)
        .select('entity_ref', 'content_hash', 'history_day');
      if (refs) q.whereIn('entity_ref', refs);
      const found: Array<StoredState & { entity_ref: string }> = await q;
      return found;
    });
    return new Map(rows.map(r => [r.entity_ref, r]));
  }

  async deleteScorecardResults(
    scorecardId: string,
    entityRefs: string[],
  ): Promise<number> {
    let deleted = 0;
    await this.db.transaction(async tx => {
      for (const part of chunk([...new Set(entityRefs)], IN_CHUNK)) {
        deleted += Number(
          await tx(RESULTS)
            .where('scorecard_id', scorecardId)
            .whereIn('entity_ref', part)
            .delete(),
        );
      }
    });
    return deleted;
  }

  async deleteScorecardsExcept(scorecardIds: string[]): Promise<number> {
    const others = () => {
      const q = this.db(RESULTS);
      if (scorecardIds.length) q.whereNotIn('scorecard_id', scorecardIds);
      return q;
    };
    // Looked up first, so that a run with nothing to remove writes nothing.
    if (!(await others().first('scorecard_id'))) return 0;
    return Number(await others().delete());
  }

  async readScorecardResults(entityRef: string): Promise<ScorecardResult[]> {
    const rows: Array<{ result: string }> = await this.db(RESULTS)
      .where('entity_ref', entityRef)
      .select('result')
      .orderBy('scorecard_id');
    return rows.map(r => JSON.parse(r.result));
  }

  /**
   * Allow-lists of up to 500 refs go into the SQL query. Longer ones are
   * counted with one query per 500 refs, and the page is collected from
   * keyset batches of the rows matching the other filters, kept when
   * allowed: the order stays the database's, and no statement binds more
   * than 500 refs however long the list.
   */
  async listScorecardResults(
    scorecardId: string,
    query: ScorecardResultQuery,
  ): Promise<ScorecardResultListing> {
    const limit = Math.max(0, Math.floor(query.limit));
    const refs = query.entityRefs ? [...new Set(query.entityRefs)] : undefined;
    if (refs && refs.length === 0) {
      return { items: [], totalCount: 0 };
    }

    if (!refs || refs.length <= IN_CHUNK) {
      const base = () => {
        const q = this.filteredResults(scorecardId, query);
        if (refs) q.whereIn('entity_ref', refs);
        return q;
      };
      const totalCount = await this.countOf(base());
      const page = base();
      if (query.after !== undefined) page.where('entity_ref', '>', query.after);
      const rows: ListedRow[] = limit
        ? await page
            .select(...LISTED_COLUMNS)
            .orderBy('entity_ref')
            .limit(limit)
        : [];
      return { items: rows.map(toResultRowOut), totalCount };
    }

    let totalCount = 0;
    for (const part of chunk(refs, IN_CHUNK)) {
      totalCount += await this.countOf(
        this.filteredResults(scorecardId, query).whereIn('entity_ref', part),
      );
    }
    const allowed = new Set(refs);
    const items: ScorecardResultRow[] = [];
    let cursor = query.after;
    while (items.length < limit) {
      const q = this.filteredResults(scorecardId, query);
      if (cursor !== undefined) q.where('entity_ref', '>', cursor);
      const batch: ListedRow[] = await q
        .select(...LISTED_COLUMNS)
        .orderBy('entity_ref')
        .limit(SCAN_BATCH);
      for (const row of batch) {
        if (items.length < limit && allowed.has(row.entity_ref)) {
          items.push(toResultRowOut(row));
        }
      }
      if (batch.length < SCAN_BATCH) break;
      cursor = batch[batch.length - 1].entity_ref;
    }
    return { items, totalCount };
  }

  async summarizeScorecard(
    scorecardId: string,
    options: { groupBy?: 'owner' | 'tier'; entityRefs?: string[] },
  ): Promise<ScorecardGroupSummary[]> {
    let column: string | undefined;
    if (options.groupBy === 'owner') column = 'owner_ref';
    else if (options.groupBy === 'tier') column = 'tier';
    const groups = new Map<string | null, LevelTally>();
    if (!column) groups.set(null, new LevelTally());

    await forEntityChunks(options.entityRefs, async refs => {
      const q = this.db(RESULTS)
        .where('scorecard_id', scorecardId)
        .select('level')
        .select(
          this.db.raw('COUNT(*) as n'),
          this.db.raw('SUM(score) as total'),
          this.db.raw('MAX(evaluated_at) as evaluated_at'),
        )
        .groupBy('level');
      if (column) q.select({ key: column }).groupBy(column);
      if (refs) q.whereIn('entity_ref', refs);
      const rows: Array<
        LevelCount & { key?: string | null; level: string | null }
      > = await q;
      for (const row of rows) {
        const key = row.key ?? null;
        const tally = groups.get(key) ?? new LevelTally();
        tally.add(row.level, row);
        groups.set(key, tally);
      }
    });

    return [...groups.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, tally]) => ({
        key,
        entities: tally.entities,
        byLevel: tally.byLevel,
        meanScore: tally.meanScore,
        evaluatedAt: tally.evaluatedAt,
      }));
  }

  async scorecardTrend(
    scorecardId: string,
    options: { fromDay: string; entityRefs?: string[] },
  ): Promise<ScorecardTrendPoint[]> {
    const days = new Map<string, LevelTally>();
    await forEntityChunks(options.entityRefs, async refs => {
      const q = this.db(HISTORY)
        .where('scorecard_id', scorecardId)
        .where('day', '>=', options.fromDay)
        .select('day', 'level')
        .select(
          this.db.raw('COUNT(*) as n'),
          this.db.raw('SUM(score) as total'),
        )
        .groupBy('day', 'level');
      if (refs) q.whereIn('entity_ref', refs);
      const rows: Array<LevelCount & { day: string; level: string | null }> =
        await q;
      for (const row of rows) {
        const tally = days.get(row.day) ?? new LevelTally();
        tally.add(row.level, row);
        days.set(row.day, tally);
      }
    });
    return [...days.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([day, tally]) => ({
        day,
        entities: tally.entities,
        byLevel: tally.byLevel,
        adoption: tally.adoption,
        meanScore: tally.meanScore,
      }));
  }

  async addScorecardHistory(
    scorecardId: string,
    points: ScorecardHistoryWrite[],
  ): Promise<void> {
    const rows: HistoryRow[] = points.map(p => ({
      scorecard_id: scorecardId,
      entity_ref: p.entityRef,
      day: p.day,
      level: p.level,
      score: p.score,
      owner_ref: p.ownerRef,
      tier: p.tier,
    }));
    await this.db.transaction(async tx => {
      for (const part of chunk(rows, WRITE_CHUNK)) {
        await tx(HISTORY)
          .insert(part)
          .onConflict(['scorecard_id', 'entity_ref', 'day'])
          .ignore();
      }
    });
  }

  async readScorecardHistory(
    scorecardId: string,
    entityRef: string,
    fromDay: string,
  ): Promise<ScorecardHistoryPoint[]> {
    const rows: Array<Pick<HistoryRow, 'day' | 'level' | 'score'>> =
      await this.db(HISTORY)
        .where({ scorecard_id: scorecardId, entity_ref: entityRef })
        .where('day', '>=', fromDay)
        .select('day', 'level', 'score')
        .orderBy('day');
    return rows.map(r => ({
      day: r.day,
      level: r.level,
      score: Number(r.score),
    }));
  }

  async pruneScorecardHistory(beforeDay: string): Promise<number> {
    const older = () => this.db(HISTORY).where('day', '<', beforeDay);
    if (!(await older().first('day'))) return 0;
    return Number(await older().delete());
  }

  // ------------------------------------------------------------- helpers
  /** The current results of a scorecard matching the query's filters. */
  private filteredResults(
    scorecardId: string,
    query: Omit<ScorecardResultQuery, 'limit'>,
  ): Knex.QueryBuilder {
    const q = this.db(RESULTS).where('scorecard_id', scorecardId);
    if (query.owner?.length) q.whereIn('owner_ref', query.owner);
    if (query.tier?.length) whereNullable(q, 'tier', query.tier);
    if (query.level?.length) whereNullable(q, 'level', query.level);
    if (query.failing !== undefined) {
      if (this.dialect === 'pg') {
        q.whereRaw('CAST(failing AS jsonb) @> CAST(? AS jsonb)', [
          JSON.stringify([query.failing]),
        ]);
      } else if (this.dialect === 'sqlite') {
        q.whereRaw(
          `EXISTS (SELECT 1 FROM json_each(${RESULTS}.failing) AS f WHERE f.value = ?)`,
          [query.failing],
        );
      } else {
        const needle = JSON.stringify(query.failing).replace(
          /[\\%_]/g,
          c => `\\${c}`,
        );
        q.whereRaw(`failing LIKE ? ESCAPE '\\'`, [`%${needle}%`]);
      }
    }
    return q;
  }

  private async countOf(q: Knex.QueryBuilder): Promise<number> {
    const [row] = await q.count({ n: '*' });
    return Number((row as { n: number | string }).n);
  }
}
