import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import {
  AlertQualityCollector,
  AlertSourcesDocument,
} from './AlertQualityCollector';
import { createAlertQualityCollector } from './createAlertQualityCollector';
import { DemoPagingProvider } from './DemoPagingProvider';
import { fixedClock } from '../lib/Clock';
import { testComponent } from '../__testUtils__/entities';
import { DAY } from '../__testUtils__/time';

const NOW = new Date('2026-11-26T10:17:00.000Z');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (name: string, annotations: Record<string, string>) =>
  testComponent(name, { annotations });

const checkout = component('checkout', {
  'pagerduty.com/service-id': 'PCHECKOUT',
});
const search = component('search', {
  'pagerduty.com/service-id': 'PSEARCH',
});

const create = async (reliability: object, entities: Entity[] = []) => {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const logger = mockServices.logger.mock();
  const collector = createAlertQualityCollector({
    clock: fixedClock(NOW),
    config: new ConfigReader({ reliability }),
    logger,
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    store,
    prometheusClients: [],
  });
  return { collector, logger, store };
};

describe('createAlertQualityCollector', () => {
  it.each([
    ['nothing is configured', {}],
    ['demo mode is off', { demo: { enabled: false } }],
    [
      'demo mode is off, with demo profiles',
      {
        demo: {
          enabled: false,
          pagingProfiles: [{ serviceIds: ['PA'], profile: 'noisy' }],
        },
      },
    ],
  ])('gives no collector, with a warning, when %s', async (_case, config) => {
    const { collector, logger } = await create(config);
    expect(collector).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'No paging source configured (reliability.pagerduty, reliability.prometheus, reliability.alertmanager) and demo mode is off: alert quality is not collected',
    );
  });

  it('pages entities through the demo provider in demo mode', async () => {
    const { collector, logger } = await create({ demo: { enabled: true } });
    expect(collector).toBeInstanceOf(AlertQualityCollector);
    expect(logger.warn).not.toHaveBeenCalled();
    const paging = collector!.pagingOf(checkout);
    expect(paging?.provider).toBeInstanceOf(DemoPagingProvider);
    expect(paging?.provider.id).toBe('demo');
    expect(paging?.services).toEqual({ serviceIds: ['PCHECKOUT'] });
  });

  it('gives the configured services the configured demo profile', async () => {
    const { collector } = await create({
      demo: {
        enabled: true,
        pagingProfiles: [
          { serviceIds: ['PQUIET'], profile: 'quiet' },
          { serviceIds: ['PCHECKOUT', 'PPAYMENTS'], profile: 'noisy' },
        ],
      },
    });
    const request = {
      since: new Date(NOW.getTime() - 28 * DAY),
      until: NOW,
    };
    const synced = (serviceIds: string[]) =>
      collector!
        .pagingOf(
          component('x', { 'pagerduty.com/service-id': serviceIds.join(',') }),
        )!
        .provider.syncIncidents({ ...request, services: { serviceIds } });
    const expected = (profile: 'quiet' | 'noisy', serviceIds: string[]) =>
      new DemoPagingProvider(() => profile).syncIncidents({
        ...request,
        services: { serviceIds },
      });

    expect(await synced(['PCHECKOUT'])).toEqual(
      await expected('noisy', ['PCHECKOUT']),
    );
    // One noisy service makes the entity noisy.
    expect(await synced(['PQUIET', 'PPAYMENTS'])).toEqual(
      await expected('noisy', ['PQUIET', 'PPAYMENTS']),
    );
    expect(await synced(['PQUIET'])).toEqual(
      await expected('quiet', ['PQUIET']),
    );
    // Services not listed are quiet.
    expect(await synced(['PSEARCH'])).toEqual(
      await expected('quiet', ['PSEARCH']),
    );
    expect(await synced(['PCHECKOUT'])).not.toEqual(
      await expected('quiet', ['PCHECKOUT']),
    );
  });

  it.each([
    [0, [{ serviceIds: ['PA'], profile: 'loud' }], 'loud'],
    [
      1,
      [
        { serviceIds: ['PA'], profile: 'noisy' },
        { serviceIds: ['PB'], profile: 'Quiet' },
      ],
      'Quiet',
    ],
  ])(
    'rejects an unknown demo profile at index %s, naming the key',
    async (index, pagingProfiles, value) => {
      await expect(
        create({ demo: { enabled: true, pagingProfiles } }),
      ).rejects.toThrow(
        `Invalid configuration: reliability.demo.pagingProfiles[${index}].profile must be quiet or noisy, got "${value}"`,
      );
    },
  );

  it('requires the service ids of a demo profile', async () => {
    await expect(
      create({
        demo: { enabled: true, pagingProfiles: [{ profile: 'noisy' }] },
      }),
    ).rejects.toThrow(
      "Missing required config value at 'reliability.demo.pagingProfiles[0].serviceIds'",
    );
  });

  it('backfills the configured number of days', async () => {
    const { collector, store } = await create(
      {
        demo: {
          enabled: true,
          pagingProfiles: [{ serviceIds: ['PCHECKOUT'], profile: 'noisy' }],
        },
        alertQuality: { backfillDays: 7, retentionDays: 30 },
      },
      [checkout, search],
    );
    const summary = await collector!.run(NOW);
    expect(summary.entities).toBe(2);
    expect(summary.failures).toBe(0);
    expect(summary.incidents).toBeGreaterThan(0);

    const document = await store.readDocument<AlertSourcesDocument>(
      'component:default/checkout',
      'alertSources',
    );
    expect(document).toMatchObject({
      pagingSource: 'demo',
      dataSince: new Date(NOW.getTime() - 7 * DAY).toISOString(),
      stale: false,
      computedAt: NOW.toISOString(),
    });
    const incidents = await store.listIncidents(
      'component:default/checkout',
      '2000-01-01T00:00:00.000Z',
      NOW.toISOString(),
    );
    expect(incidents.length).toBeGreaterThan(0);
    expect(
      Math.min(...incidents.map(i => Date.parse(i.createdAt))),
    ).toBeGreaterThanOrEqual(NOW.getTime() - 7 * DAY);
    const sections = await store.readSections('component:default/checkout');
    expect(sections.alertQuality).toEqual({
      status: 'ok',
      items: [],
      problems: [],
      demo: true,
      computedAt: NOW.toISOString(),
      stale: false,
    });
  });
});
