/**
 * Incidents, postmortems and corrective actions: the types the backend
 * serves and the frontend shows.
 */

/**
 * The review state of a postmortem, from its front matter.
 *
 * @public
 */
export type PostmortemStatus = 'draft' | 'in-review' | 'published';

/**
 * One corrective action of a postmortem, as written in its front matter.
 *
 * @public
 */
export interface CorrectiveActionSpec {
  /** Unique within the postmortem. */
  id: string;
  /** The action's title. */
  title: string;
  /** An entity ref or a person, as written. */
  owner?: string;
  /** `YYYY-MM-DD`. */
  due?: string;
  /** A ticket key (`OPS-12`) or URL (`https://github.com/o/r/issues/3`). */
  ticket?: string;
}

/**
 * A postmortem: a Markdown file with YAML front matter next to the entity,
 * or a document an added postmortem source returns.
 *
 * @public
 */
export interface Postmortem {
  /** Unique per entity and source, e.g. the file path. */
  id: string;
  /** `file` for files next to the entity, or the id of an added source. */
  source: string;
  /** The postmortem's title. */
  title: string;
  /** The incident ids it covers (as the incident source names them). */
  incidentIds: string[];
  /** The severity it records, when written. */
  severity?: string;
  /** The review state, from the front matter. */
  status: PostmortemStatus;
  /** ISO 8601 date or instant. */
  createdAt?: string;
  /** ISO 8601 date or instant; set once published. */
  publishedAt?: string;
  /** Its corrective actions. */
  actions: CorrectiveActionSpec[];
  /** Where to read it (the file URL or the source's page). */
  url?: string;
}

/**
 * The state of a ticket, as a ticket provider reports it.
 *
 * @public
 */
export interface TicketStatus {
  /** The ticket as the postmortem names it. */
  ticket: string;
  /** Whether the ticket is still open or done (closed). */
  state: 'open' | 'done';
  /** The provider's own status name, e.g. `In Progress`. */
  statusName?: string;
  /** ISO 8601; when it was closed, if done and known. */
  closedAt?: string | null;
  /** The ticket's web page. */
  url?: string;
}

/**
 * The status of a corrective action: from its ticket; `no-ticket` when the
 * postmortem names none, `unknown` when its ticket could not be read.
 *
 * @public
 */
export type CorrectiveActionState = 'open' | 'done' | 'no-ticket' | 'unknown';

/**
 * Calendar of a team for business-day deadlines.
 *
 * @public
 */
export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** ISO weekdays that are working days, 1 (Monday) to 7 (Sunday). */
  days: number[];
  /** Non-working dates, `YYYY-MM-DD`, in the team's time zone. */
  holidays: string[];
}
