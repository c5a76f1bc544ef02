import {
  CorrectiveActionSpec,
  EntityProblem,
  Postmortem,
  PostmortemStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseDocument } from 'yaml';

const STATUSES: Record<string, PostmortemStatus> = {
  draft: 'draft',
  'in review': 'in-review',
  'in-review': 'in-review',
  in_review: 'in-review',
  review: 'in-review',
  published: 'published',
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

class Malformed extends Error {}

/** A date (`YYYY-MM-DD`) or an instant with an offset, as written. */
function dateField(
  value: unknown,
  field: string,
  instant = true,
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const written =
    value instanceof Date ? value.toISOString() : String(value).trim();
  const ok =
    (DATE.test(written) && !Number.isNaN(Date.parse(written))) ||
    (instant && INSTANT.test(written) && !Number.isNaN(Date.parse(written)));
  if (!ok) {
    throw new Malformed(
      `${field} "${written}" must be a date such as 2026-11-12${
        instant
          ? ' or an instant with an offset such as 2026-11-12T09:30:00Z'
          : ''
      }`,
    );
  }
  return written;
}

function text(
  value: unknown,
  field: string,
  required: boolean,
): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new Malformed(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new Malformed(`${field} must be text`);
  }
  return String(value).trim();
}

/**
 * Parses a postmortem: Markdown whose YAML front matter (between `---`
 * lines at the top) names `incidents` (ids), `status` (draft, in review,
 * published), `title`, `severity`, `created`, `published` and `actions`
 * (`id`, `title`, `owner`, `due`, `ticket`). Returns the postmortem, or a
 * problem naming the file, the line where known and the field. Pure.
 */
export function parsePostmortem(
  file: string,
  content: string,
  options: { source?: string; url?: string } = {},
): { postmortem?: Postmortem; problem?: EntityProblem } {
  const problem = (message: string, line?: number) => ({
    problem: {
      source: 'incidents',
      file,
      ...(line ? { line } : {}),
      message: `${file}${line ? `:${line}` : ''}: ${message}`,
    },
  });
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(
    content,
  );
  if (!match) {
    return problem(
      'has no YAML front matter (a block between --- lines at the top of the file)',
    );
  }
  const doc = parseDocument(match[1], { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    // +1 for the opening --- line
    return problem(
      `the front matter is not valid YAML: ${e.message.split('\n')[0]}`,
      e.linePos ? e.linePos[0].line + 1 : undefined,
    );
  }
  const data = doc.toJS();
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return problem('the front matter must be a map of fields');
  }
  try {
    const rawIncidents = data.incidents ?? data.incident;
    const listed: unknown[] = Array.isArray(rawIncidents)
      ? rawIncidents
      : [rawIncidents].filter(v => v !== undefined);
    const incidentIds = listed.map(
      (v: unknown, i: number) => text(v, `incidents[${i}]`, true)!,
    );
    if (incidentIds.length === 0) {
      throw new Malformed('incidents must name at least one incident id');
    }
    const statusText = text(data.status, 'status', true)!.toLowerCase();
    const status = STATUSES[statusText];
    if (!status) {
      throw new Malformed(
        `status "${statusText}" must be draft, in review or published`,
      );
    }
    const publishedAt = dateField(data.published, 'published');
    if (status === 'published' && !publishedAt) {
      throw new Malformed(
        'published (the date it was published) is required when status is published',
      );
    }
    const rawActions = data.actions ?? [];
    if (!Array.isArray(rawActions)) {
      throw new Malformed('actions must be a list');
    }
    const seen = new Set<string>();
    const actions: CorrectiveActionSpec[] = rawActions.map(
      (a: any, i: number) => {
        const at = `actions[${i}]`;
        if (!a || typeof a !== 'object' || Array.isArray(a)) {
          throw new Malformed(`${at} must be a map with id and title`);
        }
        const id = text(a.id, `${at}.id`, true)!;
        if (seen.has(id)) {
          throw new Malformed(`${at}.id "${id}" is used twice`);
        }
        seen.add(id);
        const owner = text(a.owner, `${at}.owner`, false);
        const due = dateField(a.due, `${at}.due`, false);
        const ticket = text(a.ticket, `${at}.ticket`, false);
        return {
          id,
          title: text(a.title, `${at}.title`, true)!,
          ...(owner ? { owner } : {}),
          ...(due ? { due } : {}),
          ...(ticket ? { ticket } : {}),
        };
      },
    );
    const severity = text(data.severity, 'severity', false);
    const createdAt = dateField(data.created ?? data.date, 'created');
    const title =
      text(data.title, 'title', false) ??
      /^#\s+(.+)$/m.exec(content.slice(match[0].length))?.[1]?.trim() ??
      file;
    return {
      postmortem: {
        id: file,
        source: options.source ?? 'file',
        title,
        incidentIds,
        ...(severity ? { severity } : {}),
        status,
        ...(createdAt ? { createdAt } : {}),
        ...(publishedAt ? { publishedAt } : {}),
        actions,
        ...(options.url ? { url: options.url } : {}),
      },
    };
  } catch (error) {
    if (error instanceof Malformed) {
      return problem(error.message);
    }
    throw error;
  }
}
