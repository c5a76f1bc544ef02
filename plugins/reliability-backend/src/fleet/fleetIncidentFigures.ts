import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import {
  FLEET,
  FleetDbRow,
  FleetIncidentFigures,
  WRITE_CHUNK,
  num,
} from './fleetRows';

const COLUMNS = [
  'major_incidents',
  'major_mttr_ms',
  'overdue_actions',
] as const;

/**
 * Writes the incident figures of entities to their fleet rows: only rows
 * that exist and whose figures changed (so an unchanged run writes nothing).
 */
export async function writeIncidentFigures(
  db: Knex,
  figures: FleetIncidentFigures[],
  now: string,
): Promise<number> {
  let written = 0;
  for (const part of chunk(figures, WRITE_CHUNK)) {
    const rows: FleetDbRow[] = await db(FLEET)
      .select('entity_ref', ...COLUMNS)
      .whereIn(
        'entity_ref',
        part.map(f => f.entityRef),
      );
    const current = new Map(rows.map(r => [r.entity_ref, r]));
    for (const f of part) {
      const row = current.get(f.entityRef);
      const next = {
        major_incidents: f.majorIncidents,
        major_mttr_ms: f.majorMttrMs,
        overdue_actions: f.overdueActions,
      };
      if (!row || COLUMNS.every(c => num(row[c]) === next[c])) continue;
      await db(FLEET)
        .where('entity_ref', f.entityRef)
        .update({ ...next, updated_at: now });
      written++;
    }
  }
  return written;
}
