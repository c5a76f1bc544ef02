import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { testDatabases } from '../__testUtils__/testDatabases';
import { hardeningChecks } from '../__testUtils__/hardeningApp';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { fixedClock } from '../lib/Clock';
import { DatabaseReadinessStore } from '../readiness/DatabaseReadinessStore';
import { seedDemoReadiness } from '../readiness/seedDemoReadiness';

// Finding 3 of issue 19: with demo mode on, a restart re-applied the demo
// pushed results over what CI pushed since, auditing the seed each time.

const databases = testDatabases();
const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';
const START = new Date('2026-11-26T10:00:00.000Z');
const LATER = new Date('2026-11-27T10:00:00.000Z');

const config = new ConfigReader({
  reliability: {
    demo: {
      enabled: true,
      readinessRecords: [
        {
          entity: CHECKOUT,
          item: 'backup-restore',
          type: 'attestation',
          evidenceUrl: 'https://wiki.example.com/restore',
        },
      ],
      pushedResults: [
        {
          entity: CHECKOUT,
          scorecard: 'golden-path',
          check: 'ci-template',
          passed: false,
          details: 'demo: no CI template',
        },
        {
          entity: PAYMENTS,
          scorecard: 'golden-path',
          check: 'ci-template',
          passed: true,
        },
      ],
    },
  },
});

describe.each(databases.eachSupportedId())(
  'seedDemoReadiness on restart, on %p',
  databaseId => {
    it('keeps results pushed since the first seed and audits nothing again', async () => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      await DatabaseReliabilityStore.create({ database });
      const readinessStore = await DatabaseReadinessStore.create({
        database,
        skipMigrations: true,
      });
      const seed = (at: Date) =>
        seedDemoReadiness({
          config,
          checks: hardeningChecks,
          readinessStore,
          logger: mockServices.logger.mock(),
          clock: fixedClock(at),
        });

      await seed(START);
      const seeded = await readinessStore.listPushedResults();
      expect(seeded.get(CHECKOUT)).toEqual([
        expect.objectContaining({ passed: false, pushedBy: 'demo' }),
      ]);
      expect(
        (await readinessStore.listAudit(CHECKOUT)).map(a => a.action),
      ).toEqual(['push', 'attest']);

      // CI pushes a real result.
      const real = {
        entityRef: CHECKOUT,
        checkId: 'ci-template',
        scorecardId: 'golden-path',
        passed: true,
        details: 'from CI',
        pushedBy: 'service:ci',
        pushedAt: START.toISOString(),
      };
      await readinessStore.upsertPushedResults(
        [real],
        [
          {
            at: real.pushedAt,
            actor: real.pushedBy,
            action: 'push',
            entityRef: CHECKOUT,
            target: 'scorecard:golden-path/ci-template',
            details: { ...real },
          },
        ],
      );
      const auditBefore = await readinessStore.listAudit(CHECKOUT);
      const paymentsAuditBefore = await readinessStore.listAudit(PAYMENTS);
      expect(auditBefore).toHaveLength(3);

      // Restart: the seed runs again, a day later.
      await seed(LATER);
      const after = await readinessStore.listPushedResults();
      expect(after.get(CHECKOUT)).toEqual([real]);
      expect(after.get(PAYMENTS)).toEqual(seeded.get(PAYMENTS));
      expect(await readinessStore.listAudit(CHECKOUT)).toEqual(auditBefore);
      expect(await readinessStore.listAudit(PAYMENTS)).toEqual(
        paymentsAuditBefore,
      );
      expect(await readinessStore.listRecords(CHECKOUT)).toHaveLength(1);
    });
  },
);
