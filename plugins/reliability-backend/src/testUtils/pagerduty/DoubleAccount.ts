import {
  DoubleIncident,
  DoubleIncidentInput,
  DoubleLogEntry,
  DoubleLogEntryType,
  DoubleOnCall,
  DoubleService,
} from './types';
import { HttpError, toMs } from './validation';

/**
 * The in-memory PagerDuty account of the double: services, escalation
 * policies, users, incidents with their log entries, on-calls. The
 * resources (incidents, log entries, analytics, on-calls, services) read it;
 * {@link PagerDutyDouble} changes it.
 */
export class DoubleAccount {
  readonly serviceById = new Map<string, DoubleService>();
  /** Escalation policy names by id. */
  readonly policyNames = new Map<string, string>();
  /** User names by id. */
  readonly userNames = new Map<string, string>();
  readonly incidentById = new Map<string, DoubleIncident>();
  readonly entriesByIncident = new Map<string, DoubleLogEntry[]>();
  readonly onCalls: DoubleOnCall[] = [];
  /** Sorted by createdMs (then number) on demand. */
  #incidentList: DoubleIncident[] = [];
  #incidentsSorted = true;
  /** Sorted by createdMs (then id) on demand. */
  #entries: DoubleLogEntry[] = [];
  #entriesSorted = true;
  #nextNumber = 1;
  #nextEntry = 1;

  /** @param origin - the origin used in `self` links. */
  constructor(readonly origin: string) {}

  addEscalationPolicy(id: string, name = `Policy ${id}`): void {
    this.policyNames.set(id, name);
  }

  addUser(id: string, name = `User ${id}`): void {
    this.userNames.set(id, name);
  }

  addService(service: DoubleService): void {
    if (!this.policyNames.has(service.escalationPolicyId)) {
      this.addEscalationPolicy(service.escalationPolicyId);
    }
    this.serviceById.set(service.id, service);
  }

  addOnCall(onCall: DoubleOnCall): void {
    if (!this.userNames.has(onCall.userId)) {
      this.addUser(onCall.userId);
    }
    this.onCalls.push(onCall);
  }

  /** Creates a triggered incident (and its trigger log entry). */
  addIncident(input: DoubleIncidentInput): DoubleIncident {
    const service = this.serviceById.get(input.serviceId);
    if (!service) {
      throw new Error(`PagerDutyDouble: unknown service ${input.serviceId}`);
    }
    const createdMs = toMs(input.createdAt);
    const number = this.#nextNumber++;
    const incident: DoubleIncident = {
      id: input.id ?? `Q${number.toString(36).toUpperCase().padStart(6, '0')}`,
      number,
      title: input.title,
      serviceId: input.serviceId,
      urgency: input.urgency,
      incidentKey: input.incidentKey ?? null,
      createdMs,
      status: 'triggered',
      resolvedMs: null,
      lastStatusChangeMs: createdMs,
      updatedMs: createdMs,
      acknowledgements: [],
    };
    if (this.incidentById.has(incident.id)) {
      throw new Error(`PagerDutyDouble: duplicate incident ${incident.id}`);
    }
    this.incidentById.set(incident.id, incident);
    const last = this.#incidentList[this.#incidentList.length - 1];
    if (last && compareIncidents(last, incident) > 0) {
      this.#incidentsSorted = false;
    }
    this.#incidentList.push(incident);
    this.#log(incident, 'trigger_log_entry', createdMs);
    return incident;
  }

  acknowledge(incidentId: string, at: string | number, userId: string): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    if (incident.status === 'resolved') {
      throw new Error(`PagerDutyDouble: ${incidentId} is resolved`);
    }
    incident.status = 'acknowledged';
    incident.acknowledgements.push({ atMs, userId });
    incident.lastStatusChangeMs = atMs;
    incident.updatedMs = atMs;
    this.#log(incident, 'acknowledge_log_entry', atMs, userId);
  }

  unacknowledge(incidentId: string, at: string | number): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    incident.status = 'triggered';
    incident.acknowledgements = [];
    incident.lastStatusChangeMs = atMs;
    incident.updatedMs = atMs;
    this.#log(incident, 'unacknowledge_log_entry', atMs);
  }

  escalate(incidentId: string, at: string | number): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    incident.updatedMs = atMs;
    this.#log(incident, 'escalate_log_entry', atMs);
  }

  notify(incidentId: string, at: string | number, userId: string): void {
    const incident = this.#incident(incidentId);
    this.#log(incident, 'notify_log_entry', toMs(at), userId);
  }

  resolve(incidentId: string, at: string | number, userId?: string): void {
    const incident = this.#incident(incidentId);
    const atMs = toMs(at);
    incident.status = 'resolved';
    incident.resolvedMs = atMs;
    incident.acknowledgements = [];
    incident.lastStatusChangeMs = atMs;
    incident.updatedMs = atMs;
    this.#log(incident, 'resolve_log_entry', atMs, userId);
  }

  getIncident(id: string): DoubleIncident | undefined {
    return this.incidentById.get(id);
  }

  get incidents(): readonly DoubleIncident[] {
    return this.sortedIncidents();
  }

  get services(): readonly DoubleService[] {
    return [...this.serviceById.values()];
  }

  logEntriesOf(incidentId: string): readonly DoubleLogEntry[] {
    return this.entriesByIncident.get(incidentId) ?? [];
  }

  #incident(id: string): DoubleIncident {
    const incident = this.incidentById.get(id);
    if (!incident) {
      throw new Error(`PagerDutyDouble: unknown incident ${id}`);
    }
    return incident;
  }

  found(id: string): DoubleIncident {
    const incident = this.incidentById.get(id);
    if (!incident) {
      throw new HttpError(404, 2100, 'Not Found');
    }
    return incident;
  }

  #log(
    incident: DoubleIncident,
    type: DoubleLogEntryType,
    createdMs: number,
    userId?: string,
  ): void {
    const entry: DoubleLogEntry = {
      id: `R${(this.#nextEntry++).toString(36).toUpperCase().padStart(9, '0')}`,
      type,
      createdMs,
      incidentId: incident.id,
      serviceId: incident.serviceId,
      ...(userId ? { userId } : {}),
    };
    const list = this.entriesByIncident.get(incident.id) ?? [];
    if (list.length > 0 && list[list.length - 1].createdMs > createdMs) {
      throw new Error(
        `PagerDutyDouble: log entries of ${incident.id} must be added in time order`,
      );
    }
    list.push(entry);
    this.entriesByIncident.set(incident.id, list);
    const last = this.#entries[this.#entries.length - 1];
    if (last && last.createdMs > createdMs) {
      this.#entriesSorted = false;
    }
    this.#entries.push(entry);
  }

  sortedIncidents(): DoubleIncident[] {
    if (!this.#incidentsSorted) {
      this.#incidentList.sort(compareIncidents);
      this.#incidentsSorted = true;
    }
    return this.#incidentList;
  }

  sortedEntries(): DoubleLogEntry[] {
    if (!this.#entriesSorted) {
      this.#entries.sort(
        (a, b) => a.createdMs - b.createdMs || (a.id < b.id ? -1 : 1),
      );
      this.#entriesSorted = true;
    }
    return this.#entries;
  }

  ref(kind: string, id: string, summary: string) {
    const plural: Record<string, string> = {
      service: 'services',
      escalation_policy: 'escalation_policies',
      user: 'users',
      incident: 'incidents',
      schedule: 'schedules',
      trigger_log_entry: 'log_entries',
    };
    return {
      id,
      type: `${kind}_reference`,
      summary,
      self: `${this.origin}/${plural[kind] ?? kind}/${id}`,
      html_url: `https://example.pagerduty.com/${plural[kind] ?? kind}/${id}`,
    };
  }
}

function compareIncidents(a: DoubleIncident, b: DoubleIncident): number {
  return a.createdMs - b.createdMs || a.number - b.number;
}
