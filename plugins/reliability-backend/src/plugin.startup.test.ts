import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'reliability-kit.io/tier': 'tier-1' },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
];

/** A check, and a readiness item of tier-1 it decides. */
const OWNER_CHECK = {
  id: 'owner',
  title: 'Owner',
  rule: { fact: 'relation:ownedBy', exists: true },
};
const OWNER_ITEM = {
  id: 'owner',
  title: 'Owner',
  kind: 'automatic',
  check: 'owner',
  tiers: ['tier-1'],
};

async function start(reliability: object) {
  const logger = mockServices.logger.mock();
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      reliabilityPlugin,
      catalogServiceMock.factory({ entities }),
      logger.factory,
      scheduler.factory,
      mockServices.rootConfig.factory({ data: { reliability } }),
    ],
  });
  const scheduled = scheduler.scheduleTask.mock.calls.map(([task]) => task.id);
  const warnings = logger.warn.mock.calls.map(([message]) => message);
  return { ...backend, scheduled, warnings };
}

describe('reliability backend plugin startup', () => {
  it.each([
    [
      'a Prometheus URL that is not http(s)',
      { prometheus: { instances: [{ name: 'eu', baseUrl: 'ftp://prom' }] } },
      'reliability.prometheus.instances[0].baseUrl "ftp://prom" is not a valid http(s) URL',
    ],
    [
      'a Prometheus URL with credentials',
      {
        prometheus: {
          instances: [
            { name: 'eu', baseUrl: 'http://a' },
            { name: 'us', baseUrl: 'https://user:secret@prom.example.com' },
          ],
        },
      },
      'reliability.prometheus.instances[1].baseUrl must not contain credentials',
    ],
    [
      'a team time zone that does not exist',
      { teams: [{ ref: 'group:default/team-a', timeZone: 'Mars/Olympus' }] },
      'Invalid configuration: reliability.teams[0].timeZone "Mars/Olympus" is not an IANA time zone',
    ],
    [
      'team business hours that end before they start',
      {
        teams: [
          { ref: 'group:default/team-a' },
          {
            ref: 'group:default/team-b',
            businessHours: { start: '18:00', end: '09:00' },
          },
        ],
      },
      'Invalid configuration: reliability.teams[1].businessHours must start before they end, got 18:00-09:00',
    ],
    [
      'an unknown demo SLO profile',
      {
        demo: {
          enabled: true,
          sloProfiles: [{ entity: 'component:default/x', profile: 'great' }],
        },
      },
      'Invalid configuration: reliability.demo.sloProfiles[0].profile must be one of healthy, at-risk, breaching, no-data, got "great"',
    ],
    [
      'a readiness item with an unknown tier',
      {
        checks: [OWNER_CHECK],
        readiness: {
          items: [{ ...OWNER_ITEM, tiers: ['tier-1', 'gold'] }],
        },
      },
      'reliability.readiness.items[0].tiers[1]',
    ],
    [
      'a scorecard that references a missing check',
      {
        checks: [OWNER_CHECK],
        scorecards: [
          {
            id: 'golden-path',
            title: 'Golden path',
            levels: [
              {
                id: 'bronze',
                title: 'Bronze',
                checks: [{ check: 'owner' }, { check: 'techdocs' }],
              },
            ],
          },
        ],
      },
      'reliability.scorecards[0].levels[0].checks[1].check',
    ],
    [
      'a check rule with an unknown operator',
      {
        checks: [
          {
            id: 'owner',
            title: 'Owner',
            rule: { fact: 'relation:ownedBy', present: true },
          },
        ],
      },
      'reliability.checks[0].rule',
    ],
  ])('fails fast on %s, naming the key', async (_case, config, message) => {
    await expect(start(config)).rejects.toThrow(message);
  });

  it('never puts a secret of an invalid configuration in the error', async () => {
    const error = await start({
      prometheus: {
        instances: [
          { name: 'eu', baseUrl: 'https://user:hunter2@prom.example.com' },
        ],
      },
    }).catch(e => e);
    expect(String(error)).not.toContain('hunter2');
  });

  it('without any upstream, disables SLOs and alert quality with a warning and keeps serving', async () => {
    const { server, scheduled, warnings } = await start({});
    expect(warnings).toEqual(
      expect.arrayContaining([
        'No reliability.prometheus.instances configured and reliability.demo.enabled is off: SLOs are not collected',
        'No paging source configured (reliability.pagerduty, reliability.prometheus, reliability.alertmanager) and demo mode is off: alert quality is not collected',
      ]),
    );
    expect(scheduled).toEqual([
      'reliability-entity-index',
      'reliability-catalog-changes',
      'reliability-incidents',
      'reliability-campaigns',
    ]);
    const res = await request(server)
      .get('/api/reliability/entities/component/default/checkout')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.sections.slos.status).toBe('not-collected');
  });

  it('with demo mode, schedules every collector without warnings', async () => {
    const { scheduled, warnings } = await start({ demo: { enabled: true } });
    expect(warnings).toEqual([]);
    expect(scheduled).toEqual([
      'reliability-entity-index',
      'reliability-catalog-changes',
      'reliability-slo-collector',
      'reliability-alert-quality-collector',
      'reliability-incidents',
      'reliability-campaigns',
    ]);
  });

  it('evaluates readiness and scorecards when they are configured', async () => {
    const { scheduled } = await start({
      checks: [OWNER_CHECK],
      readiness: { items: [OWNER_ITEM] },
    });
    expect(scheduled).toEqual([
      'reliability-entity-index',
      'reliability-catalog-changes',
      'reliability-readiness',
      'reliability-incidents',
      'reliability-campaigns',
    ]);
  });

  it('schedules every collector with global scope, so one replica runs each', async () => {
    const logger = mockServices.logger.mock();
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities }),
        logger.factory,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: { reliability: { demo: { enabled: true } } },
        }),
      ],
    });
    expect(
      scheduler.scheduleTask.mock.calls.map(([task]) => [task.id, task.scope]),
    ).toEqual([
      ['reliability-entity-index', 'global'],
      ['reliability-catalog-changes', 'global'],
      ['reliability-slo-collector', 'global'],
      ['reliability-alert-quality-collector', 'global'],
      ['reliability-incidents', 'global'],
      ['reliability-campaigns', 'global'],
    ]);
  });
});
