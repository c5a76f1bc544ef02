import { parseTime } from './parseTime';
import { PdLogEntry } from './types';

/** What an incident's log entries tell. */
export interface History {
  firstAckMs: number | null;
  resolvedMs: number | null;
  escalations: number;
  changed: boolean;
}

const ACK = 'acknowledge_log_entry';
const ESCALATE = 'escalate_log_entry';
const RESOLVE = 'resolve_log_entry';
/** Log entries that change what an `Incident` holds. */
const CHANGE_TYPES = new Set([
  ACK,
  'unacknowledge_log_entry',
  ESCALATE,
  RESOLVE,
  'urgency_change_log_entry',
]);

/**
 * The histories of the incidents of `entries`, by incident id; only entries
 * of `services` when given. An entry seen twice (in two adjoining ranges)
 * counts once.
 */
export function historiesFrom(
  entries: PdLogEntry[],
  services: Set<string> | undefined,
): Map<string, History> {
  const sorted = entries
    .map(e => ({ e, at: parseTime(e.created_at) }))
    .filter(
      (x): x is { e: PdLogEntry; at: number } =>
        x.at !== undefined &&
        typeof x.e.incident?.id === 'string' &&
        (!services ||
          (typeof x.e.service?.id === 'string' &&
            services.has(x.e.service.id))),
    )
    .sort((a, b) => a.at - b.at);
  const out = new Map<string, History>();
  const seen = new Set<string>();
  for (const { e, at } of sorted) {
    if (typeof e.id === 'string') {
      if (seen.has(e.id)) {
        continue; // the same entry in two adjoining ranges
      }
      seen.add(e.id);
    }
    const id = e.incident!.id!;
    const h = out.get(id) ?? emptyHistory();
    if (e.type === ACK && h.firstAckMs === null) {
      h.firstAckMs = at;
    } else if (e.type === ESCALATE) {
      h.escalations++;
    } else if (e.type === RESOLVE) {
      h.resolvedMs = at;
    }
    if (CHANGE_TYPES.has(e.type ?? '')) {
      h.changed = true;
    }
    out.set(id, h);
  }
  return out;
}

export function emptyHistory(): History {
  return { firstAckMs: null, resolvedMs: null, escalations: 0, changed: false };
}
