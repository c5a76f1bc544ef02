import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Postmortem,
  TicketStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PostmortemSource,
  TicketStatusProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { IncidentStore } from '../../database/IncidentStore';
import { Clock } from '../../lib/Clock';
import { DEMO_MAJOR_INCIDENTS, DemoMajorIncident } from './demoMajorIncidents';

const DAY_MS = 86_400_000;
const LOOKBACK_DAYS = 400;

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The demo's postmortems and ticket states (demo mode only), written for
 * the scripted incidents as they were stored: every date is relative to the
 * incident's stored resolution, so the states (on time, late, missing,
 * overdue, no ticket) hold whenever the demo runs. The source fills the
 * ticket states the provider then reports.
 */
export class DemoIncidents {
  private readonly tickets = new Map<string, TicketStatus>();

  constructor(
    private readonly options: {
      incidents: Pick<IncidentStore, 'listIncidents'>;
      clock: Clock;
      scripted?: readonly DemoMajorIncident[];
    },
  ) {}

  readonly postmortemSource: PostmortemSource = {
    id: 'demo',
    readPostmortems: async (entity: Entity) => {
      const now = this.options.clock.now().getTime();
      const stored = await this.options.incidents.listIncidents(
        stringifyEntityRef(entity),
        new Date(now - LOOKBACK_DAYS * DAY_MS).toISOString(),
        new Date(now + 1).toISOString(),
      );
      const scripted = this.options.scripted ?? DEMO_MAJOR_INCIDENTS;
      const postmortems: Postmortem[] = [];
      for (const incident of stored) {
        const s = scripted.find(x => x.id === incident.id);
        if (!s?.postmortem || !incident.resolvedAt) continue;
        const resolved = Date.parse(incident.resolvedAt);
        const at = (days: number) => resolved + days * DAY_MS;
        const published =
          s.postmortem.publishedAfterDays === undefined
            ? undefined
            : at(s.postmortem.publishedAfterDays);
        postmortems.push({
          id: `demo/${s.id}.md`,
          source: 'demo',
          title: `Postmortem: ${s.title}`,
          incidentIds: [s.id],
          status: s.postmortem.status,
          createdAt: isoDate(at(1)),
          ...(published !== undefined
            ? { publishedAt: new Date(published).toISOString() }
            : {}),
          actions: s.postmortem.actions.map((a, i) => {
            if (a.ticket) {
              const closed =
                a.closedAfterDays === undefined
                  ? undefined
                  : at(a.closedAfterDays);
              this.tickets.set(a.ticket, {
                ticket: a.ticket,
                state: closed !== undefined && closed <= now ? 'done' : 'open',
                statusName:
                  closed !== undefined && closed <= now ? 'Done' : 'To Do',
                closedAt:
                  closed !== undefined && closed <= now
                    ? new Date(closed).toISOString()
                    : null,
              });
            }
            return {
              id: `A${i + 1}`,
              title: a.title,
              owner: a.owner,
              due: isoDate(at(a.dueAfterDays)),
              ...(a.ticket ? { ticket: a.ticket } : {}),
            };
          }),
        });
      }
      return { postmortems, problems: [] };
    },
  };

  readonly ticketProvider: TicketStatusProvider = {
    id: 'demo',
    handles: ticket => /^DEMO-\d+$/.test(ticket),
    getTicketStatuses: async tickets =>
      tickets.flatMap(t => {
        const status = this.tickets.get(t);
        return status ? [status] : [];
      }),
  };
}
