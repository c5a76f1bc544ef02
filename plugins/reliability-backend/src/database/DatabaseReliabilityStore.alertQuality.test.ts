import {
  AuditEntry,
  Incident,
  StoredToilItem,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { ALL_TIME, testIncident as incident } from '../__testUtils__/incidents';
import { reliabilityStoreDatabases } from '../__testUtils__/reliabilityStoreDatabases';
import { DatabaseReadinessStore } from '../readiness/DatabaseReadinessStore';
import { DatabaseReliabilityStore } from './DatabaseReliabilityStore';

const { databases, createStore } = reliabilityStoreDatabases();

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';
const SYNCED = '2026-11-26T10:00:00.000Z';

const toil = (
  id: string,
  over: Partial<StoredToilItem> = {},
): StoredToilItem => ({
  id,
  entityRef: CHECKOUT,
  task: `Task ${id}`,
  minutesPerOccurrence: 30,
  occurrencesPerWeek: 4,
  owner: 'group:default/team-a',
  createdBy: 'user:default/alex',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedBy: 'user:default/alex',
  updatedAt: '2026-11-26T10:00:00.000Z',
  ...over,
});

/** The audit entry of a toil change (by alex, of the given item). */
const toilAudit = (
  action: 'toil.create' | 'toil.update' | 'toil.delete',
  item: StoredToilItem,
  over: Partial<Omit<AuditEntry, 'id'>> = {},
): Omit<AuditEntry, 'id'> => ({
  at: item.updatedAt,
  actor: item.updatedBy,
  action,
  entityRef: item.entityRef,
  target: `toil:${item.id}`,
  details: { ...item },
  ...over,
});

/** An entry the audit log's NOT NULL constraint refuses. */
const invalidAudit = (item: StoredToilItem) =>
  toilAudit('toil.create', item, { actor: null as unknown as string });

/** The audit log as the readiness store serves it, newest first. */
const auditOf = async (knex: Knex, entityRef = CHECKOUT) =>
  (
    await DatabaseReadinessStore.create({
      database: { getClient: async () => knex },
      skipMigrations: true,
    })
  ).listAudit(entityRef);

/** Whether a write resolved or was refused (any rejection will do). */
const outcomeOf = (write: Promise<unknown>) =>
  write.then(
    () => 'stored',
    () => 'refused',
  );

const ID_1 = '0b5e8f0e-6c1a-4f7e-9f0a-1b2c3d4e5f60';
const ID_2 = '1c6f9a1f-7d2b-4a8f-8a1b-2c3d4e5f6071';
const ID_3 = '2d7a0b2a-8e3c-4b9a-9b2c-3d4e5f607182';

describe.each(databases.eachSupportedId())(
  'DatabaseReliabilityStore (alert quality) on %s',
  databaseId => {
    it('runs the alert quality migration', async () => {
      const { knex } = await createStore(databaseId);
      await DatabaseReliabilityStore.migrate(knex);
      for (const table of [
        'reliability_incidents',
        'reliability_paging_sync',
        'reliability_toil_items',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    });

    describe('incidents', () => {
      it('inserts incidents, then updates the same id in place', async () => {
        const { store } = await createStore(databaseId);
        const open = incident('I1', '2026-11-20T03:00:00.000Z');
        const other = incident('I2', '2026-11-21T03:00:00.000Z');
        await store.upsertIncidents(CHECKOUT, [open, other], SYNCED);
        expect(await store.listIncidents(CHECKOUT, ...ALL_TIME)).toEqual([
          open,
          other,
        ]);

        const resolved: Incident = {
          ...open,
          title: 'Renamed',
          status: 'resolved',
          urgency: 'low',
          firstAcknowledgedAt: '2026-11-20T03:05:00.000Z',
          resolvedAt: '2026-11-20T03:45:00.000Z',
          escalations: 2,
        };
        await store.upsertIncidents(
          CHECKOUT,
          [resolved],
          '2026-11-26T10:10:00.000Z',
        );
        expect(await store.listIncidents(CHECKOUT, ...ALL_TIME)).toEqual([
          resolved,
          other,
        ]);
      });

      it('keeps incidents of different entities and sources apart', async () => {
        const { store } = await createStore(databaseId);
        const shared = incident('SHARED', '2026-11-20T03:00:00.000Z');
        await store.upsertIncidents(CHECKOUT, [shared], SYNCED);
        await store.upsertIncidents(
          PAYMENTS,
          [
            {
              ...shared,
              title: 'Payments view',
              status: 'resolved',
              resolvedAt: '2026-11-20T04:00:00.000Z',
            },
          ],
          SYNCED,
        );
        const demo = { ...shared, source: 'demo', title: 'Demo view' };
        await store.upsertIncidents(CHECKOUT, [demo], SYNCED);

        expect(await store.listIncidents(CHECKOUT, ...ALL_TIME)).toEqual(
          expect.arrayContaining([shared, demo]),
        );
        expect(await store.listIncidents(CHECKOUT, ...ALL_TIME)).toHaveLength(
          2,
        );
        expect(await store.listIncidents(PAYMENTS, ...ALL_TIME)).toEqual([
          {
            ...shared,
            title: 'Payments view',
            status: 'resolved',
            resolvedAt: '2026-11-20T04:00:00.000Z',
          },
        ]);
      });

      it('lists incidents created in [from, to), oldest first', async () => {
        const { store } = await createStore(databaseId);
        const times = [
          '2026-11-25T00:00:00.000Z',
          '2026-11-20T00:00:00.000Z', // from: included
          '2026-11-19T23:59:59.999Z', // before from
          '2026-11-22T12:00:00.000Z',
          '2026-11-26T00:00:00.000Z', // to: excluded
          '2026-11-21T08:30:00.000Z',
        ];
        await store.upsertIncidents(
          CHECKOUT,
          times.map((t, i) => incident(`I${i}`, t)),
          SYNCED,
        );
        await store.upsertIncidents(
          PAYMENTS,
          [incident('P', '2026-11-23T00:00:00.000Z')],
          SYNCED,
        );
        const listed = await store.listIncidents(
          CHECKOUT,
          '2026-11-20T00:00:00.000Z',
          '2026-11-26T00:00:00.000Z',
        );
        expect(listed.map(i => [i.id, i.createdAt])).toEqual([
          ['I1', '2026-11-20T00:00:00.000Z'],
          ['I5', '2026-11-21T08:30:00.000Z'],
          ['I3', '2026-11-22T12:00:00.000Z'],
          ['I0', '2026-11-25T00:00:00.000Z'],
        ]);
        expect(
          await store.listIncidents(
            CHECKOUT,
            '2026-11-26T00:00:00.000Z',
            '2026-11-26T00:00:00.000Z',
          ),
        ).toEqual([]);
        expect(
          await store.listIncidents('component:default/unknown', ...ALL_TIME),
        ).toEqual([]);
      });

      it('round-trips missing acknowledgement, resolution, key and service as null or absent', async () => {
        const { store } = await createStore(databaseId);
        const sparse: Incident = {
          id: 'SPARSE',
          source: 'alertmanager',
          title: 'Sparse',
          urgency: 'low',
          status: 'triggered',
          createdAt: '2026-11-20T03:00:00.000Z',
        };
        const nulls = incident('NULLS', '2026-11-21T03:00:00.000Z', {
          alertKey: null,
          firstAcknowledgedAt: null,
          resolvedAt: null,
        });
        await store.upsertIncidents(CHECKOUT, [sparse, nulls], SYNCED);
        const [a, b] = await store.listIncidents(CHECKOUT, ...ALL_TIME);
        expect(a).toEqual({
          id: 'SPARSE',
          source: 'alertmanager',
          title: 'Sparse',
          alertKey: null,
          urgency: 'low',
          status: 'triggered',
          createdAt: '2026-11-20T03:00:00.000Z',
          firstAcknowledgedAt: null,
          resolvedAt: null,
          escalations: 0,
        });
        expect(a).not.toHaveProperty('serviceId');
        expect(b.firstAcknowledgedAt).toBeNull();
        expect(b.resolvedAt).toBeNull();
        expect(b.alertKey).toBeNull();
        expect(b.escalations).toBe(0);
      });

      it('cuts an overlong alert key and keeps long titles and unicode', async () => {
        const { store } = await createStore(databaseId);
        const title = `Ünïcödé ✓ ${'t'.repeat(5000)}`;
        await store.upsertIncidents(
          CHECKOUT,
          [
            incident('LONG', '2026-11-20T03:00:00.000Z', {
              alertKey: 'k'.repeat(600),
              title,
            }),
          ],
          SYNCED,
        );
        const [stored] = await store.listIncidents(CHECKOUT, ...ALL_TIME);
        expect(stored.alertKey).toBe('k'.repeat(512));
        expect(stored.title).toBe(title);
      });

      it('upserts more incidents than fit in one statement', async () => {
        const { store } = await createStore(databaseId);
        const start = Date.parse('2026-11-01T00:00:00.000Z');
        const many = Array.from({ length: 333 }, (_, i) =>
          incident(
            `I${String(i).padStart(3, '0')}`,
            new Date(start + i * 60_000).toISOString(),
          ),
        );
        await store.upsertIncidents(CHECKOUT, many, SYNCED);
        await store.upsertIncidents(
          CHECKOUT,
          many.map(i => ({ ...i, status: 'resolved' as const })),
          SYNCED,
        );
        const listed = await store.listIncidents(CHECKOUT, ...ALL_TIME);
        expect(listed).toHaveLength(333);
        expect(listed[332].id).toBe('I332');
        expect(new Set(listed.map(i => i.status))).toEqual(
          new Set(['resolved']),
        );
      });

      it('accepts an empty upsert', async () => {
        const { store } = await createStore(databaseId);
        await store.upsertIncidents(CHECKOUT, [], SYNCED);
        expect(await store.listIncidents(CHECKOUT, ...ALL_TIME)).toEqual([]);
      });

      it('gives the earliest incident of an entity', async () => {
        const { store } = await createStore(databaseId);
        expect(await store.earliestIncident(CHECKOUT)).toBeUndefined();
        await store.upsertIncidents(
          CHECKOUT,
          [
            incident('B', '2026-11-20T03:00:00.000Z'),
            incident('A', '2026-10-02T01:00:00.000Z'),
            incident('C', '2026-11-25T03:00:00.000Z'),
          ],
          SYNCED,
        );
        await store.upsertIncidents(
          PAYMENTS,
          [incident('P', '2026-01-01T00:00:00.000Z')],
          SYNCED,
        );
        expect(await store.earliestIncident(CHECKOUT)).toBe(
          '2026-10-02T01:00:00.000Z',
        );
        expect(await store.earliestIncident(PAYMENTS)).toBe(
          '2026-01-01T00:00:00.000Z',
        );
        expect(
          await store.earliestIncident('component:default/unknown'),
        ).toBeUndefined();
      });

      it('prunes incidents created before a time, of every entity, and counts them', async () => {
        const { store } = await createStore(databaseId);
        await store.upsertIncidents(
          CHECKOUT,
          [
            incident('OLD', '2025-10-01T00:00:00.000Z'),
            incident('EDGE', '2025-11-01T00:00:00.000Z'), // at the limit: kept
            incident('NEW', '2026-11-01T00:00:00.000Z'),
          ],
          SYNCED,
        );
        await store.upsertIncidents(
          PAYMENTS,
          [
            incident('P-OLD', '2025-10-31T23:59:59.999Z'),
            incident('P-NEW', '2026-11-02T00:00:00.000Z'),
          ],
          SYNCED,
        );
        expect(await store.pruneIncidents('2025-11-01T00:00:00.000Z')).toBe(2);
        expect(
          (await store.listIncidents(CHECKOUT, ...ALL_TIME)).map(i => i.id),
        ).toEqual(['EDGE', 'NEW']);
        expect(
          (await store.listIncidents(PAYMENTS, ...ALL_TIME)).map(i => i.id),
        ).toEqual(['P-NEW']);
        expect(await store.pruneIncidents('2025-11-01T00:00:00.000Z')).toBe(0);
      });
    });

    describe('paging sync state', () => {
      it('records syncs and errors, keeping the cursor through an error', async () => {
        const { store } = await createStore(databaseId);
        expect(
          await store.getPagingSync(CHECKOUT, 'pagerduty'),
        ).toBeUndefined();

        await store.recordPagingSync(CHECKOUT, 'pagerduty', {
          cursor: 'cursor-1',
          syncedAt: '2026-11-26T10:00:00.000Z',
        });
        expect(await store.getPagingSync(CHECKOUT, 'pagerduty')).toEqual({
          cursor: 'cursor-1',
          syncedAt: '2026-11-26T10:00:00.000Z',
        });

        await store.recordPagingSyncError(
          CHECKOUT,
          'pagerduty',
          'pagerduty: answered 503',
          '2026-11-26T10:10:00.000Z',
        );
        expect(await store.getPagingSync(CHECKOUT, 'pagerduty')).toEqual({
          cursor: 'cursor-1',
          syncedAt: '2026-11-26T10:00:00.000Z',
          lastError: 'pagerduty: answered 503',
          lastErrorAt: '2026-11-26T10:10:00.000Z',
        });

        // A later error replaces the earlier one.
        await store.recordPagingSyncError(
          CHECKOUT,
          'pagerduty',
          'pagerduty: timeout',
          '2026-11-26T10:20:00.000Z',
        );
        expect(await store.getPagingSync(CHECKOUT, 'pagerduty')).toEqual({
          cursor: 'cursor-1',
          syncedAt: '2026-11-26T10:00:00.000Z',
          lastError: 'pagerduty: timeout',
          lastErrorAt: '2026-11-26T10:20:00.000Z',
        });

        // A success clears the error.
        await store.recordPagingSync(CHECKOUT, 'pagerduty', {
          cursor: 'cursor-2',
          syncedAt: '2026-11-26T10:30:00.000Z',
        });
        expect(await store.getPagingSync(CHECKOUT, 'pagerduty')).toEqual({
          cursor: 'cursor-2',
          syncedAt: '2026-11-26T10:30:00.000Z',
        });
      });

      it('records an error before any sync', async () => {
        const { store } = await createStore(databaseId);
        await store.recordPagingSyncError(
          CHECKOUT,
          'pagerduty',
          'pagerduty: unknown service',
          '2026-11-26T10:00:00.000Z',
        );
        expect(await store.getPagingSync(CHECKOUT, 'pagerduty')).toEqual({
          lastError: 'pagerduty: unknown service',
          lastErrorAt: '2026-11-26T10:00:00.000Z',
        });
      });

      it('keeps the state of entities and sources apart, and long cursors whole', async () => {
        const { store } = await createStore(databaseId);
        const long = `cursor-${'x'.repeat(5000)}`;
        await store.recordPagingSync(CHECKOUT, 'pagerduty', {
          cursor: long,
          syncedAt: '2026-11-26T10:00:00.000Z',
        });
        await store.recordPagingSync(CHECKOUT, 'demo', {
          cursor: 'demo-cursor',
          syncedAt: '2026-11-26T10:01:00.000Z',
        });
        await store.recordPagingSyncError(
          PAYMENTS,
          'pagerduty',
          'boom',
          '2026-11-26T10:02:00.000Z',
        );
        expect(await store.getPagingSync(CHECKOUT, 'pagerduty')).toEqual({
          cursor: long,
          syncedAt: '2026-11-26T10:00:00.000Z',
        });
        expect(await store.getPagingSync(CHECKOUT, 'demo')).toEqual({
          cursor: 'demo-cursor',
          syncedAt: '2026-11-26T10:01:00.000Z',
        });
        expect(await store.getPagingSync(PAYMENTS, 'pagerduty')).toEqual({
          lastError: 'boom',
          lastErrorAt: '2026-11-26T10:02:00.000Z',
        });
        expect(await store.getPagingSync(PAYMENTS, 'demo')).toBeUndefined();
      });
    });

    describe('documents', () => {
      const document = {
        pagingSource: 'pagerduty',
        dataSince: null,
        shifts: [{ userId: 'ålex', start: 'a', end: 'b' }],
        rules: [{ name: 'R', annotations: { runbook_url: 'https://x/"y"' } }],
        nested: { deep: [1, 2.5, true, null, 'ünïcode ✓'] },
        stale: false,
      };

      it('round-trips a document and replaces it on write', async () => {
        const { store } = await createStore(databaseId);
        expect(
          await store.readDocument(CHECKOUT, 'alertSources'),
        ).toBeUndefined();
        await store.writeDocument(CHECKOUT, 'alertSources', document);
        expect(await store.readDocument(CHECKOUT, 'alertSources')).toEqual(
          document,
        );
        const replaced = { ...document, stale: true, staleReason: 'x' };
        await store.writeDocument(CHECKOUT, 'alertSources', replaced);
        expect(await store.readDocument(CHECKOUT, 'alertSources')).toEqual(
          replaced,
        );
      });

      it('keeps documents apart from sections and from other entities', async () => {
        const { store } = await createStore(databaseId);
        await store.writeDocument(CHECKOUT, 'alertSources', document);
        await store.writeDocument(CHECKOUT, 'alertQuality', { doc: true });
        await store.writeDocument(PAYMENTS, 'alertSources', { other: 1 });
        await store.writeSection(CHECKOUT, 'alertQuality', {
          items: [],
          problems: [],
          status: 'ok',
          demo: false,
          computedAt: SYNCED,
        });

        expect(await store.readDocument(CHECKOUT, 'alertSources')).toEqual(
          document,
        );
        expect(await store.readDocument(CHECKOUT, 'alertQuality')).toEqual({
          doc: true,
        });
        expect(await store.readDocument(PAYMENTS, 'alertSources')).toEqual({
          other: 1,
        });
        expect(await store.readDocument(CHECKOUT, 'other')).toBeUndefined();
        // Documents are not served as sections.
        expect(await store.readSections(CHECKOUT)).toEqual({
          alertQuality: {
            status: 'ok',
            items: [],
            problems: [],
            demo: false,
            computedAt: SYNCED,
            stale: false,
          },
        });
        expect(await store.readSections(PAYMENTS)).toEqual({});
      });
    });

    describe('toil items', () => {
      it('creates, gets, lists, updates and deletes items', async () => {
        const { store } = await createStore(databaseId);
        expect(await store.listToilItems(CHECKOUT)).toEqual([]);
        expect(await store.getToilItem(ID_1)).toBeUndefined();

        const first = toil(ID_2, {
          minutesPerOccurrence: 2.5,
          occurrencesPerWeek: 0.5,
          task: 'Ünïcode ✓ task',
        });
        const second = toil(ID_1, {
          createdAt: '2026-11-26T11:00:00.000Z',
          updatedAt: '2026-11-26T11:00:00.000Z',
        });
        const sameTime = toil(ID_3);
        const elsewhere = toil('9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', {
          entityRef: PAYMENTS,
        });
        for (const item of [second, first, sameTime, elsewhere]) {
          await store.createToilItem(item);
        }
        expect(await store.getToilItem(ID_2)).toEqual(first);
        // By creation time, then id.
        expect(await store.listToilItems(CHECKOUT)).toEqual([
          first,
          sameTime,
          second,
        ]);
        expect(await store.listToilItems(PAYMENTS)).toEqual([elsewhere]);

        const updated: StoredToilItem = {
          ...first,
          task: 'Changed',
          minutesPerOccurrence: 10080,
          occurrencesPerWeek: 1000,
          owner: 'group:default/team-b',
          updatedBy: 'user:default/bob',
          updatedAt: '2026-11-27T10:00:00.000Z',
        };
        expect(await store.updateToilItem(updated)).toBe(true);
        expect(await store.getToilItem(ID_2)).toEqual(updated);

        // The creation stays as it was.
        expect(
          await store.updateToilItem({
            ...updated,
            createdBy: 'user:default/mallory',
            createdAt: '2030-01-01T00:00:00.000Z',
          }),
        ).toBe(true);
        expect(await store.getToilItem(ID_2)).toEqual(updated);

        expect(
          await store.updateToilItem(
            toil('5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c'),
          ),
        ).toBe(false);
        expect(
          await store.getToilItem('5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c'),
        ).toBeUndefined();

        expect(await store.deleteToilItem(ID_2)).toBe(true);
        expect(await store.deleteToilItem(ID_2)).toBe(false);
        expect(await store.getToilItem(ID_2)).toBeUndefined();
        expect(await store.listToilItems(CHECKOUT)).toEqual([sameTime, second]);
        expect(await store.listToilItems(PAYMENTS)).toEqual([elsewhere]);
      });

      it('stores each change with its audit entry', async () => {
        const { knex, store } = await createStore(databaseId);
        const item = toil(ID_1);
        await store.createToilItem(item, toilAudit('toil.create', item));
        const updated: StoredToilItem = {
          ...item,
          task: 'Changed',
          updatedBy: 'user:default/bob',
          updatedAt: '2026-11-27T10:00:00.000Z',
        };
        expect(
          await store.updateToilItem(
            updated,
            toilAudit('toil.update', updated),
          ),
        ).toBe(true);
        expect(await store.getToilItem(ID_1)).toEqual(updated);
        const deleteAudit = toilAudit('toil.delete', updated, {
          at: '2026-11-28T10:00:00.000Z',
          actor: 'user:default/carol',
        });
        expect(await store.deleteToilItem(ID_1, deleteAudit)).toBe(true);
        expect(await store.getToilItem(ID_1)).toBeUndefined();

        const entries = await auditOf(knex);
        expect(entries.map(({ id: _id, ...entry }) => entry)).toEqual([
          deleteAudit,
          toilAudit('toil.update', updated),
          toilAudit('toil.create', item),
        ]);
        expect(entries.map(e => e.id)).toEqual(
          [...entries.map(e => e.id)].sort((a, b) => b - a),
        );
        expect(await auditOf(knex, PAYMENTS)).toEqual([]);
      });

      it('writes audit rows of the same shape as the readiness store', async () => {
        const { knex, store } = await createStore(databaseId);
        const item = toil(ID_1);
        const entry = toilAudit('toil.create', item);
        await store.createToilItem(item, entry);
        const readinessStore = await DatabaseReadinessStore.create({
          database: { getClient: async () => knex },
          skipMigrations: true,
        });
        await readinessStore.appendAudit([entry]);
        const [fromToil, fromReadiness] = await knex('reliability_audit_log')
          .where('target', `toil:${ID_1}`)
          .orderBy('id');
        const { id: toilId, ...toilRow } = fromToil;
        const { id: readinessId, ...readinessRow } = fromReadiness;
        expect(Number(readinessId)).toBeGreaterThan(Number(toilId));
        expect(toilRow).toEqual(readinessRow);
        expect(JSON.parse(toilRow.details)).toEqual(item);
      });

      it('audits nothing when the item to update or delete does not exist', async () => {
        const { knex, store } = await createStore(databaseId);
        const missing = toil(ID_2);
        expect(
          await store.updateToilItem(
            missing,
            toilAudit('toil.update', missing),
          ),
        ).toBe(false);
        expect(
          await store.deleteToilItem(ID_2, toilAudit('toil.delete', missing)),
        ).toBe(false);
        expect(await store.getToilItem(ID_2)).toBeUndefined();
        expect(await auditOf(knex)).toEqual([]);
      });

      it('creates no item when its audit entry cannot be stored', async () => {
        const { knex, store } = await createStore(databaseId);
        const item = toil(ID_1);
        expect(
          await outcomeOf(store.createToilItem(item, invalidAudit(item))),
        ).toBe('refused');
        expect(await store.getToilItem(ID_1)).toBeUndefined();
        expect(await store.listToilItems(CHECKOUT)).toEqual([]);
        expect(await auditOf(knex)).toEqual([]);
      });

      it('keeps the item unchanged when the audit entry of an update cannot be stored', async () => {
        const { knex, store } = await createStore(databaseId);
        const item = toil(ID_1);
        await store.createToilItem(item, toilAudit('toil.create', item));
        const updated: StoredToilItem = {
          ...item,
          task: 'Changed',
          minutesPerOccurrence: 60,
          updatedAt: '2026-11-27T10:00:00.000Z',
        };
        expect(
          await outcomeOf(store.updateToilItem(updated, invalidAudit(updated))),
        ).toBe('refused');
        expect(await store.getToilItem(ID_1)).toEqual(item);
        expect(
          (await auditOf(knex)).map(({ id: _id, ...entry }) => entry),
        ).toEqual([toilAudit('toil.create', item)]);
      });

      it('keeps the item when the audit entry of a deletion cannot be stored', async () => {
        const { knex, store } = await createStore(databaseId);
        const item = toil(ID_1);
        await store.createToilItem(item, toilAudit('toil.create', item));
        expect(
          await outcomeOf(store.deleteToilItem(ID_1, invalidAudit(item))),
        ).toBe('refused');
        expect(await store.getToilItem(ID_1)).toEqual(item);
        expect(await store.listToilItems(CHECKOUT)).toEqual([item]);
        expect(
          (await auditOf(knex)).map(({ id: _id, ...entry }) => entry),
        ).toEqual([toilAudit('toil.create', item)]);
      });

      it('refuses a second item with the same id', async () => {
        const { store } = await createStore(databaseId);
        await store.createToilItem(toil(ID_1));
        // Any rejection will do: the driver's error is not always an Error.
        const outcome = await store.createToilItem(toil(ID_1)).then(
          () => 'stored',
          () => 'refused',
        );
        expect(outcome).toBe('refused');
        expect(await store.listToilItems(CHECKOUT)).toEqual([toil(ID_1)]);
      });

      it('audits nothing when the item cannot be stored', async () => {
        const { knex, store } = await createStore(databaseId);
        const item = toil(ID_1);
        await store.createToilItem(item, toilAudit('toil.create', item));
        const again = toil(ID_1, { task: 'Again' });
        expect(
          await outcomeOf(
            store.createToilItem(again, toilAudit('toil.create', again)),
          ),
        ).toBe('refused');
        expect(await store.listToilItems(CHECKOUT)).toEqual([item]);
        expect(
          (await auditOf(knex)).map(({ id: _id, ...entry }) => entry),
        ).toEqual([toilAudit('toil.create', item)]);
      });
    });
  },
);
