import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DiscoveredSlo,
  PagingProvider,
  SloMetricsProvider,
  reliabilityIncidentsExtensionPoint,
  reliabilityPagingExtensionPoint,
  reliabilitySloMetricsExtensionPoint,
} from '@reliability-kit/backstage-plugin-reliability-node';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';
import { testComponent } from './__testUtils__/entities';
import { DAY, HOUR } from './__testUtils__/time';

const component = (name: string, annotations: Record<string, string>) =>
  testComponent(name, { annotations });

const entities = [
  component('checkout', {
    'reliability-kit.io/tier': 'tier-1',
    'reliability-kit.io/slo-selector': 'service="checkout"',
    'reliability-kit.io/paging-provider': 'opsgenie',
    'pagerduty.com/service-id': 'OPS-1',
  }),
  // Without the paging-provider annotation: no built-in source, not paged.
  component('billing', {
    'reliability-kit.io/tier': 'tier-2',
    'pagerduty.com/service-id': 'OPS-2',
  }),
];

/** A paging provider with two known incidents for service OPS-1. */
function opsgenieProvider(calls: string[][]): PagingProvider {
  return {
    id: 'opsgenie',
    async syncIncidents({ services, until }) {
      calls.push(services.serviceIds);
      // relative to the end of the window the collector asks for
      const now = until.getTime();
      return {
        incidents: services.serviceIds.includes('OPS-1')
          ? [1, 2].map(i => ({
              id: `OG-${i}`,
              source: 'opsgenie',
              serviceId: 'OPS-1',
              title: `Checkout latency ${i}`,
              alertKey: 'checkout-latency',
              urgency: 'high' as const,
              status: 'resolved' as const,
              createdAt: new Date(now - i * DAY).toISOString(),
              firstAcknowledgedAt: new Date(
                now - i * DAY + 5 * 60 * 1000,
              ).toISOString(),
              resolvedAt: new Date(now - i * DAY + HOUR).toISOString(),
              // added sources may set the severity themselves
              ...(i === 2 ? { severity: 'SEV1' } : {}),
            }))
          : [],
        cursor: 'c1',
        requests: 1,
      };
    },
    async listOnCallShifts() {
      return [];
    },
  };
}

/** An SLO metrics provider that discovers one SLO at a known error ratio. */
const datadogProvider: SloMetricsProvider = {
  id: 'datadog',
  async measure() {
    return new Map();
  },
  async measureRange() {
    return [];
  },
  async discover({ windowsMs }): Promise<DiscoveredSlo[]> {
    const windowMs = 28 * DAY;
    return [
      {
        origin: 'sloth',
        instance: 'ignored',
        key: 'checkout-availability',
        name: 'availability',
        service: 'checkout',
        labels: { service: 'checkout' },
        objective: 0.99,
        windowMs,
        errorRatios: new Map(
          [...windowsMs, windowMs].map(w => [w, 0.001] as [number, number]),
        ),
      },
    ];
  },
};

async function startBackend(
  extra: BackendFeature[] = [],
  reliability: object = {},
) {
  const calls: string[][] = [];
  const scheduler = mockServices.scheduler.mock();
  const logger = mockServices.logger.mock();
  const module = createBackendModule({
    pluginId: 'reliability',
    moduleId: 'test-provider',
    register(reg) {
      reg.registerInit({
        deps: {
          paging: reliabilityPagingExtensionPoint,
          slo: reliabilitySloMetricsExtensionPoint,
        },
        async init({ paging, slo }) {
          paging.addPagingProvider('opsgenie', opsgenieProvider(calls));
          slo.addSloMetricsProvider(datadogProvider, { instance: 'dd-eu' });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      reliabilityPlugin,
      module,
      ...extra,
      scheduler.factory,
      logger.factory,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: { reliability } }),
    ],
  });
  const runTask = async (id: string) => {
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === id,
    )?.[0];
    if (!task) {
      throw new Error(`task ${id} is not scheduled`);
    }
    await (task.fn as () => Promise<void>)();
  };
  return { ...backend, calls, runTask, scheduler, logger };
}

/** Starts the plugin with one more module and nothing else mocked. */
const startWith = (module: BackendFeature) =>
  startTestBackend({
    features: [
      reliabilityPlugin,
      module,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: { reliability: {} } }),
    ],
  });

describe('reliability extension points', () => {
  it('pages an entity through the paging provider its annotation names, and serves its incidents', async () => {
    const { server, calls, runTask } = await startBackend();
    await runTask('reliability-entity-index');
    await runTask('reliability-alert-quality-collector');
    expect(calls).toEqual([['OPS-1']]);

    const res = await request(server)
      .get('/api/reliability/entities/component/default/checkout/alert-quality')
      .query({ window: '7d' })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.pagingSource).toBe('opsgenie');
    expect(res.body.report.current.incidents).toBe(2);

    const billing = await request(server)
      .get('/api/reliability/entities/component/default/billing/alert-quality')
      .query({ window: '7d' })
      .set('Authorization', mockCredentials.user.header());
    expect(billing.body.pagingSource).toBeNull();
  });

  it('measures SLOs with the added SLO metrics provider as the default instance', async () => {
    const { server, runTask } = await startBackend();
    await runTask('reliability-entity-index');
    await runTask('reliability-slo-collector');
    const res = await request(server)
      .get('/api/reliability/entities/component/default/checkout')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const { slos } = res.body.sections;
    expect(slos.status).not.toBe('not-collected');
    expect(slos.problems).toEqual([]);
    expect(slos.items).toHaveLength(1);
    expect(slos.items[0]).toMatchObject({ name: 'availability' });
    // The collector waits 11 s for the catalog module's status cache before
    // it refreshes the entity's labels.
  }, 30_000);

  it('without the notifications backend, logs a policy change it cannot send and keeps working', async () => {
    // The provider's SLO keeps 90% of its budget: below 95% is `exhausted`.
    const { server, runTask, logger } = await startBackend([], {
      policy: {
        default: {
          states: [
            { id: 'ok', deploysAllowed: true },
            {
              id: 'exhausted',
              deploysAllowed: false,
              enter: [{ budgetRemainingBelow: 0.95 }],
            },
          ],
        },
      },
    });
    await runTask('reliability-entity-index');
    await runTask('reliability-slo-collector');
    const gate = await request(server)
      .get('/api/reliability/gate/component/default/checkout')
      .set('Authorization', mockCredentials.service.header());
    expect(gate.status).toBe(200);
    expect(gate.body).toMatchObject({
      deployAllowed: false,
      state: 'exhausted',
      stale: false,
    });
    // The notification service of notifications-node is there, but no
    // notifications backend answers it: the change is logged, not lost.
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not send the notification "checkout: error-budget policy exhausted" about component:default\/checkout: Failed to send notifications: .*404/,
      ),
    );
    const policy = await request(server)
      .get('/api/reliability/entities/component/default/checkout/policy')
      .set('Authorization', mockCredentials.user.header());
    expect(policy.body.history).toMatchObject([
      { from: null, to: 'exhausted' },
    ]);
  }, 30_000);

  it('reads postmortems and ticket states from the sources a module adds', async () => {
    const asked: string[][] = [];
    const incidentsModule = createBackendModule({
      pluginId: 'reliability',
      moduleId: 'incident-io',
      register(reg) {
        reg.registerInit({
          deps: { incidents: reliabilityIncidentsExtensionPoint },
          async init({ incidents }) {
            incidents.addPostmortemSource({
              id: 'incident-io',
              async readPostmortems(entity) {
                return entity.metadata.name === 'checkout'
                  ? {
                      postmortems: [
                        {
                          id: 'pm-1',
                          source: 'incident-io',
                          title: 'Checkout latency',
                          incidentIds: ['OG-2'],
                          status: 'in-review',
                          actions: [
                            {
                              id: 'a1',
                              title: 'Cache the price list',
                              due: '2999-01-01',
                              ticket: 'LIN-7',
                            },
                          ],
                        },
                      ],
                      problems: [],
                    }
                  : { postmortems: [], problems: [] };
              },
            });
            incidents.addTicketStatusProvider({
              id: 'linear',
              handles: ticket => ticket.startsWith('LIN-'),
              async getTicketStatuses(tickets) {
                asked.push(tickets);
                return tickets.map(ticket => ({
                  ticket,
                  state: 'open' as const,
                  statusName: 'Started',
                }));
              },
            });
          },
        });
      },
    });
    const { server, runTask } = await startBackend([incidentsModule]);
    await runTask('reliability-entity-index');
    await runTask('reliability-alert-quality-collector');
    await runTask('reliability-incidents');
    expect(asked).toEqual([['LIN-7']]);
    const res = await request(server)
      .get('/api/reliability/entities/component/default/checkout/incidents')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(
      res.body.incidents.map((i: { id: string; severity: string }) => [
        i.id,
        i.severity,
      ]),
    ).toEqual([['OG-2', 'SEV1']]);
    expect(res.body.incidents[0].postmortem).toMatchObject({
      status: 'in-review',
      postmortemId: 'pm-1',
    });
    expect(res.body.actions).toEqual([
      expect.objectContaining({
        id: 'a1',
        ticket: 'LIN-7',
        state: 'open',
        statusName: 'Started',
        overdueDays: null,
      }),
    ]);
  });

  it.each([
    [
      'a reserved paging provider id',
      createBackendModule({
        pluginId: 'reliability',
        moduleId: 'bad-provider',
        register(reg) {
          reg.registerInit({
            deps: { paging: reliabilityPagingExtensionPoint },
            async init({ paging }) {
              paging.addPagingProvider('pagerduty', opsgenieProvider([]));
            },
          });
        },
      }),
      /reserved/,
    ],
    [
      'a second postmortem source named file',
      createBackendModule({
        pluginId: 'reliability',
        moduleId: 'bad-source',
        register(reg) {
          reg.registerInit({
            deps: { incidents: reliabilityIncidentsExtensionPoint },
            async init({ incidents }) {
              incidents.addPostmortemSource({
                id: 'file',
                readPostmortems: async () => ({
                  postmortems: [],
                  problems: [],
                }),
              });
            },
          });
        },
      }),
      /postmortem source with id "file" is already registered/,
    ],
  ])('refuses %s', async (_name, module, error) => {
    await expect(startWith(module)).rejects.toThrow(error);
  });
});
