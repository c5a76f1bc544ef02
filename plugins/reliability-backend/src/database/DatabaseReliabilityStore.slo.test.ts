import {
  SloHistoryEntry,
  SloSpec,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { DatabaseReliabilityStore } from './DatabaseReliabilityStore';
import { reliabilityStoreDatabases } from '../__testUtils__/reliabilityStoreDatabases';
import { testSloSpec, timeslicesFields } from '../__testUtils__/sloSpecs';
import { DAY } from '../__testUtils__/time';

const { databases, createStore } = reliabilityStoreDatabases();

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';

const spec = (id: string, over: Partial<SloSpec> = {}): SloSpec =>
  testSloSpec(id, {
    displayName: `The ${id} SLO`,
    service: 'checkout',
    indicator: {
      kind: 'ratio',
      bad: 'sum(rate(http_requests_total{code=~"5..",path="/a\\"b"}[{{.window}}]))',
      total: 'sum(rate(http_requests_total[{{.window}}]))',
    },
    source: { format: 'sloth/v1', file: './slos.yaml', line: 4 },
    labels: { team: 'payments', ünïcode: '✓' },
    ...over,
  });

/** All the history of SLO `sloId` of `entityRef` (the tests write 2026 only). */
const readAll = (
  store: DatabaseReliabilityStore,
  entityRef: string,
  sloId: string,
) =>
  store.readSloHistory(
    entityRef,
    sloId,
    '2026-01-01T00:00:00.000Z',
    '2027-01-01T00:00:00.000Z',
  );

const point = (
  at: string,
  over: Partial<SloHistoryEntry> = {},
): SloHistoryEntry => ({
  at,
  objective: 0.999,
  sli: 0.9995,
  budgetRemaining: 0.5,
  status: 'healthy',
  ...over,
});

describe.each(databases.eachSupportedId())(
  'DatabaseReliabilityStore SLO methods on %s',
  databaseId => {
    it('creates the SLO tables', async () => {
      const { knex } = await createStore(databaseId);
      expect(await knex.schema.hasTable('reliability_slo_definitions')).toBe(
        true,
      );
      expect(await knex.schema.hasTable('reliability_slo_history')).toBe(true);
    });

    it('replaces the SLO definitions of one entity, keeping the others', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.listSloDefinitions()).toEqual([]);
      // a spec with every optional kind of field: timeslices, a threshold
      // indicator, a calendar window
      const latency = spec('latency', {
        ...timeslicesFields('p99', 'lte'),
        window: { kind: 'calendar', unit: 'month', timeZone: 'UTC' },
      });

      await store.replaceSloDefinitions(
        PAYMENTS,
        [spec('b'), spec('a')],
        '2026-11-26T10:00:00.000Z',
      );
      await store.replaceSloDefinitions(
        CHECKOUT,
        [latency],
        '2026-11-26T10:00:00.000Z',
      );
      // ordered by entity, then id; specs round-trip unchanged
      expect(await store.listSloDefinitions()).toEqual([
        {
          entityRef: CHECKOUT,
          spec: latency,
        },
        { entityRef: PAYMENTS, spec: spec('a') },
        { entityRef: PAYMENTS, spec: spec('b') },
      ]);

      await store.replaceSloDefinitions(
        PAYMENTS,
        [spec('c', { objective: 0.95 })],
        '2026-11-26T10:05:00.000Z',
      );
      expect(
        (await store.listSloDefinitions()).map(d => [
          d.entityRef,
          d.spec.id,
          d.spec.objective,
        ]),
      ).toEqual([
        [CHECKOUT, 'latency', 0.999],
        [PAYMENTS, 'c', 0.95],
      ]);

      await store.replaceSloDefinitions(
        CHECKOUT,
        [],
        '2026-11-26T10:10:00.000Z',
      );
      expect((await store.listSloDefinitions()).map(d => d.entityRef)).toEqual([
        PAYMENTS,
      ]);
    });

    it('stores more SLO definitions than fit in one statement', async () => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 123 }, (_, i) =>
        spec(`slo-${String(i).padStart(3, '0')}`),
      );
      await store.replaceSloDefinitions(
        CHECKOUT,
        many,
        '2026-11-26T10:00:00.000Z',
      );
      const listed = await store.listSloDefinitions();
      expect(listed).toHaveLength(123);
      expect(listed[122].spec.id).toBe('slo-122');
    });

    it('keeps one history point per UTC day, the last one winning', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertSloHistory(CHECKOUT, 'availability', [
        point('2026-11-24T10:00:00.000Z', { sli: 0.9991 }),
        point('2026-11-25T10:00:00.000Z', { sli: 0.9992 }),
      ]);
      await store.upsertSloHistory(CHECKOUT, 'availability', [
        // the same UTC day as 25 Nov 10:00: replaces it
        point('2026-11-25T23:59:59.999Z', {
          sli: 0.9993,
          budgetRemaining: 0.3,
          status: 'at-risk',
        }),
        point('2026-11-26T00:00:00.000Z', { sli: 0.9994 }),
      ]);
      expect(await store.countSloHistory(CHECKOUT, 'availability')).toBe(3);
      expect(await readAll(store, CHECKOUT, 'availability')).toEqual([
        point('2026-11-24T10:00:00.000Z', { sli: 0.9991 }),
        point('2026-11-25T23:59:59.999Z', {
          sli: 0.9993,
          budgetRemaining: 0.3,
          status: 'at-risk',
        }),
        point('2026-11-26T00:00:00.000Z', { sli: 0.9994 }),
      ]);
    });

    it('keeps the history of SLOs and entities apart', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertSloHistory(CHECKOUT, 'availability', [
        point('2026-11-24T10:00:00.000Z'),
      ]);
      await store.upsertSloHistory(CHECKOUT, 'latency', [
        point('2026-11-24T10:00:00.000Z', { sli: 0.9 }),
        point('2026-11-25T10:00:00.000Z', { sli: 0.9 }),
      ]);
      await store.upsertSloHistory(PAYMENTS, 'availability', [
        point('2026-11-24T10:00:00.000Z', { sli: 0.8 }),
      ]);
      expect(await store.countSloHistory(CHECKOUT, 'availability')).toBe(1);
      expect(await store.countSloHistory(CHECKOUT, 'latency')).toBe(2);
      expect(await store.countSloHistory(PAYMENTS, 'availability')).toBe(1);
      expect(await store.countSloHistory(PAYMENTS, 'latency')).toBe(0);
      const read = (ref: string, id: string) => readAll(store, ref, id);
      expect((await read(PAYMENTS, 'availability')).map(p => p.sli)).toEqual([
        0.8,
      ]);
      expect((await read(CHECKOUT, 'availability')).map(p => p.sli)).toEqual([
        0.9995,
      ]);
    });

    it('reads history in [from, to), oldest first', async () => {
      const { store } = await createStore(databaseId);
      // written newest first
      await store.upsertSloHistory(CHECKOUT, 'availability', [
        point('2026-11-26T10:00:00.000Z'),
        point('2026-11-25T10:00:00.000Z'),
        point('2026-11-24T10:00:00.000Z'),
        point('2026-11-23T10:00:00.000Z'),
      ]);
      const read = async (from: string, to: string) =>
        (await store.readSloHistory(CHECKOUT, 'availability', from, to)).map(
          p => p.at,
        );
      expect(
        await read('2026-11-24T10:00:00.000Z', '2026-11-26T10:00:00.000Z'),
      ).toEqual(['2026-11-24T10:00:00.000Z', '2026-11-25T10:00:00.000Z']);
      expect(
        await read('2026-11-24T10:00:00.001Z', '2026-11-26T10:00:00.001Z'),
      ).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-26T10:00:00.000Z']);
      expect(
        await read('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
      ).toEqual([
        '2026-11-23T10:00:00.000Z',
        '2026-11-24T10:00:00.000Z',
        '2026-11-25T10:00:00.000Z',
        '2026-11-26T10:00:00.000Z',
      ]);
      expect(
        await read('2026-11-27T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
      ).toEqual([]);
    });

    it('round-trips doubles exactly and keeps nulls', async () => {
      const { store } = await createStore(databaseId);
      const points: SloHistoryEntry[] = [
        point('2026-11-23T10:00:00.000Z', {
          objective: 0.9995,
          sli: 0.9994999999999999,
          budgetRemaining: -0.00010000000000287557,
          status: 'breaching',
        }),
        point('2026-11-24T10:00:00.000Z', {
          objective: 0.999,
          sli: null,
          budgetRemaining: null,
          status: 'no-data',
        }),
        point('2026-11-25T10:00:00.000Z', {
          objective: 0.1 + 0.2,
          sli: 1 / 3,
          budgetRemaining: -123456.789012345,
          status: 'breaching',
        }),
        point('2026-11-26T10:00:00.000Z', {
          objective: 0.5,
          sli: 1,
          budgetRemaining: 0,
          status: 'healthy',
        }),
      ];
      await store.upsertSloHistory(CHECKOUT, 'availability', points);
      const read = await readAll(store, CHECKOUT, 'availability');
      expect(read).toEqual(points);
      expect(read[0].sli).toBe(0.9994999999999999);
      expect(read[2].objective).toBe(0.30000000000000004);
      expect(read[1].sli).toBeNull();
      expect(read[1].budgetRemaining).toBeNull();
    });

    it('stores more history points than fit in one statement', async () => {
      const { store } = await createStore(databaseId);
      const start = Date.parse('2026-01-01T12:00:00.000Z');
      const many = Array.from({ length: 120 }, (_, i) =>
        point(new Date(start + i * DAY).toISOString()),
      );
      await store.upsertSloHistory(CHECKOUT, 'availability', many);
      expect(await store.countSloHistory(CHECKOUT, 'availability')).toBe(120);
      await store.upsertSloHistory(CHECKOUT, 'availability', []);
      expect(await store.countSloHistory(CHECKOUT, 'availability')).toBe(120);
    });

    it('prunes the days before a day and says how many', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertSloHistory(CHECKOUT, 'availability', [
        point('2026-08-27T23:59:59.999Z'),
        point('2026-08-28T00:00:00.000Z'),
        point('2026-11-26T10:00:00.000Z'),
      ]);
      await store.upsertSloHistory(PAYMENTS, 'availability', [
        point('2026-08-01T10:00:00.000Z'),
      ]);
      expect(await store.pruneSloHistory('2026-08-28')).toBe(2);
      expect(await store.countSloHistory(CHECKOUT, 'availability')).toBe(2);
      expect(await store.countSloHistory(PAYMENTS, 'availability')).toBe(0);
      expect(
        (await readAll(store, CHECKOUT, 'availability')).map(p => p.at),
      ).toEqual(['2026-08-28T00:00:00.000Z', '2026-11-26T10:00:00.000Z']);
      expect(await store.pruneSloHistory('2026-08-28')).toBe(0);
    });
  },
);
