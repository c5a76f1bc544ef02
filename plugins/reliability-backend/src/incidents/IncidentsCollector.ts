import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CorrectiveActionRecord,
  EntityProblem,
  RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
  SloSpec,
  severityOf,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  PostmortemSource,
  SloMetricsProvider,
  TicketStatusProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { ReliabilityStore } from '../database/ReliabilityStore';
import type { FleetProjection } from '../fleet';
import { Clock } from '../lib/Clock';
import { IncidentsStore, StoredImpact, impactKey } from './IncidentsStore';
import { incidentFleetFiguresOf } from './incidentFleetFigures';
import { PostmortemReader } from './PostmortemReader';
import { discoveredSlosOf } from './discoveredSlosOf';
import { findSloImpactStart } from './findSloImpactStart';
import { IncidentsConfig } from './readIncidentsConfig';
import { readIncidentRecords } from './readIncidentRecords';
import { syncTicketStates } from './syncTicketStates';

const DAY_MS = 86_400_000;
/** Incidents this recent get their impact start searched. */
const IMPACT_SEARCH_DAYS = 120;
/** At most this many impact searches per run (each is one range query per SLO). */
const MAX_IMPACT_SEARCHES = 200;

/** Options of {@link IncidentsCollector}. */
export interface IncidentsCollectorOptions {
  catalog: CatalogService;
  auth: AuthService;
  /** The paging store (incidents) and the entity index. */
  store: ReliabilityStore;
  incidents: IncidentsStore;
  config: IncidentsConfig;
  reader: PostmortemReader;
  /** Added postmortem sources (the extension point). */
  sources: PostmortemSource[];
  /** Ticket providers, asked in order (added ones first, then Jira, GitHub). */
  ticketProviders: TicketStatusProvider[];
  /** The SLO metrics provider for MTTD; without it, MTTD comes only from the sources. */
  sloMetrics?: SloMetricsProvider;
  /**
   * The configured metrics instance names, the default first (where
   * discovered SLOs are bound, as the SLO collector binds them).
   */
  sloInstances?: string[];
  logger: LoggerService;
  clock: Clock;
  /** The fleet table: told the incident figures of every entity after each run. */
  fleet?: Pick<FleetProjection, 'incidentsAssessed'>;
  /**
   * Called with the stalled actions after each run (the escalation hook,
   * e.g. notifications); they are also logged and listed on the pages.
   */
  onStalledActions?(
    actions: CorrectiveActionRecord[],
    now: Date,
  ): Promise<unknown> | void;
}

/**
 * The incidents task: reads every indexed entity's postmortems (files next
 * to it and added sources), the states of their action tickets, and the
 * impact starts of recent incidents from the SLO burn rate; then lists
 * and logs the stalled actions. Every write is to the incidents store, then
 * the fleet's incident columns through {@link FleetProjection}.
 */
export class IncidentsCollector {
  constructor(private readonly options: IncidentsCollectorOptions) {}

  async run(now: Date = this.options.clock.now()): Promise<{
    entities: number;
    postmortems: number;
    tickets: { read: number; failed: number; unhandled: number };
    impacts: number;
    stalled: CorrectiveActionRecord[];
  }> {
    const { catalog, auth, store, incidents, logger, config } = this.options;
    const nowIso = now.toISOString();
    const indexed = await store.listIndexedEntities();
    const credentials = await auth.getOwnServiceCredentials();
    const catalogEntities = new Map<string, Entity>();
    const refs = indexed.map(e => e.entityRef);
    for (let i = 0; i < refs.length; i += 500) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: refs.slice(i, i + 500), fields: ['kind', 'metadata'] },
        { credentials },
      );
      for (const e of items) {
        if (e) catalogEntities.set(stringifyEntityRef(e), e);
      }
    }

    let postmortemCount = 0;
    for (const [ref, entity] of catalogEntities) {
      const problems: EntityProblem[] = [];
      const files = await this.options.reader.read(entity);
      problems.push(...files.problems);
      await incidents.replacePostmortems(
        ref,
        'file',
        files.postmortems,
        nowIso,
      );
      postmortemCount += files.postmortems.length;
      for (const source of this.options.sources) {
        try {
          const read = await source.readPostmortems(entity, {});
          problems.push(...read.problems);
          await incidents.replacePostmortems(
            ref,
            source.id,
            read.postmortems,
            nowIso,
          );
          postmortemCount += read.postmortems.length;
        } catch (error) {
          // the stored postmortems of this source are kept
          problems.push({
            source: 'incidents',
            message: `postmortem source ${source.id} failed: ${
              (error as Error).message
            }; showing what it returned before`,
          });
        }
      }
      await incidents.writeEntityState(ref, { problems, computedAt: nowIso });
    }

    const allPostmortems = await incidents.listPostmortems();
    const tickets = [...allPostmortems.values()].flatMap(list =>
      list.flatMap(p => p.actions.flatMap(a => (a.ticket ? [a.ticket] : []))),
    );
    const ticketResult = await syncTicketStates({
      tickets,
      providers: this.options.ticketProviders,
      store: incidents,
      logger,
      now: nowIso,
    });

    const impacts = await this.searchImpacts(now, catalogEntities);

    const from = new Date(
      now.getTime() - IMPACT_SEARCH_DAYS * DAY_MS,
    ).toISOString();
    const records = await readIncidentRecords({
      paging: store,
      store: incidents,
      config,
      entities: indexed,
      from,
      to: nowIso,
      now: nowIso,
    });
    await this.options.fleet?.incidentsAssessed?.(
      incidentFleetFiguresOf({
        entityRefs: refs,
        ...records,
        requiredSeverities: config.requiredSeverities,
        now: nowIso,
      }),
      nowIso,
    );
    const stalled = records.actions.filter(a => a.stalled);
    for (const a of stalled) {
      logger.warn(
        `Stalled corrective action ${a.id} "${a.title}" of ${
          a.entityRef
        } (postmortem ${a.postmortemId}): ${a.overdueDays} days overdue${
          a.owner ? `, owner ${a.owner}` : ''
        }${a.ticket ? `, ticket ${a.ticket}` : ', no ticket'}`,
      );
    }
    if (this.options.onStalledActions && stalled.length > 0) {
      try {
        await this.options.onStalledActions(stalled, now);
      } catch (error) {
        logger.warn(
          `The stalled-actions hook failed: ${(error as Error).message}`,
        );
      }
    }
    return {
      entities: catalogEntities.size,
      postmortems: postmortemCount,
      tickets: ticketResult,
      impacts,
      stalled,
    };
  }

  /**
   * Impact starts of recent incidents that have a severity, no impact start
   * of their own and none searched yet, from the entity's file-defined SLOs
   * and the SLOs discovered in Prometheus that its selector binds. A
   * provider failure stores nothing, so the search runs again next time.
   */
  private async searchImpacts(
    now: Date,
    entities: Map<string, Entity>,
  ): Promise<number> {
    const { sloMetrics, store, incidents, config, logger } = this.options;
    if (!sloMetrics) return 0;
    const specs = new Map<string, SloSpec[]>();
    for (const d of await store.listSloDefinitions()) {
      specs.set(d.entityRef, [...(specs.get(d.entityRef) ?? []), d.spec]);
    }
    const from = new Date(
      now.getTime() - IMPACT_SEARCH_DAYS * DAY_MS,
    ).toISOString();
    const unsearched = (
      await store.listIncidentsBetween(from, now.toISOString())
    ).filter(
      i => !i.impactStartedAt && severityOf(i, config.severity) !== null,
    );
    const known = await incidents.readImpacts([
      ...new Set(unsearched.map(c => c.entityRef)),
    ]);
    const pending = unsearched.filter(
      i => !known.has(impactKey(i.entityRef, i.source, i.id)),
    );
    let discovered = new Map<string, DiscoveredSlo[]>();
    try {
      discovered = await discoveredSlosOf({
        provider: sloMetrics,
        instances: this.options.sloInstances ?? [],
        entities: new Map(
          pending.flatMap(i => {
            const e = entities.get(i.entityRef);
            return e ? [[i.entityRef, e] as const] : [];
          }),
        ),
        at: now,
      });
    } catch (error) {
      // entities with a selector wait for the next run, not "none found"
      logger.warn(`SLO discovery for MTTD failed: ${(error as Error).message}`);
      for (const [ref, e] of entities) {
        if (e.metadata.annotations?.[RELIABILITY_ANNOTATION_SLO_SELECTOR]) {
          specs.delete(ref);
        }
      }
    }
    const candidates = pending.filter(
      i =>
        specs.has(i.entityRef) ||
        (discovered.get(i.entityRef) ?? []).length > 0,
    );
    const found: StoredImpact[] = [];
    let searches = 0;
    for (const incident of candidates) {
      if (searches++ >= MAX_IMPACT_SEARCHES) break;
      try {
        const result = await findSloImpactStart({
          provider: sloMetrics,
          entityRef: incident.entityRef,
          specs: specs.get(incident.entityRef) ?? [],
          discovered: discovered.get(incident.entityRef),
          instance: entities.get(incident.entityRef)?.metadata.annotations?.[
            RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE
          ],
          createdAt: incident.createdAt,
          lookbackHours: config.mttdLookbackHours,
        });
        found.push({
          entityRef: incident.entityRef,
          source: incident.source,
          incidentId: incident.id,
          impactStartedAt: result.startedAt,
          sloId: result.sloId,
          computedAt: now.toISOString(),
        });
      } catch (error) {
        logger.warn(
          `Could not read the SLO burn rate before incident ${incident.id} of ${
            incident.entityRef
          }: ${
            (error as Error).message
          }; MTTD stays unknown until the next run`,
        );
      }
    }
    await incidents.upsertImpacts(found);
    return found.length;
  }
}
