// @ts-check

const { createHash } = require('node:crypto');

/**
 * Reliability Kit: safe concurrent writes (issue 19).
 *
 * - `reliability_idempotency_keys`: the responses of writes sent with an
 *   `Idempotency-Key` header, so a repeat gets the original response.
 * - `reliability_readiness_records.active_key`: set while a record is the
 *   entity's active attestation or exemption of its target (a hash of
 *   entity, type and target), cleared when it is revoked or superseded after
 *   expiring; unique, so there is at most one active record per entity,
 *   type and target, across replicas.
 * - `reliability_toil_items.version`: optimistic concurrency of toil edits
 *   (the ETag of a toil item).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_idempotency_keys', table => {
    table.comment(
      'Responses of writes sent with an Idempotency-Key header, replayed on a repeat',
    );
    table
      .string('principal', 255)
      .notNullable()
      .comment('Who sent the request (user entity ref or service subject)');
    table
      .string('route', 767)
      .notNullable()
      .comment('Method and path, e.g. POST /entities/component/default/x/toil');
    table.string('idempotency_key', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table
      .string('request_hash', 64)
      .notNullable()
      .comment('SHA-256 of the JSON request body');
    table.integer('status').notNullable().comment('The HTTP status answered');
    table.text('response').notNullable().comment('JSON: the body answered');
    table
      .string('resource_id', 255)
      .nullable()
      .comment('The id of what was created');
    table.string('created_at', 32).notNullable().comment('ISO 8601');
    table.primary(['principal', 'route', 'idempotency_key']);
    table.index(['created_at'], 'reliability_idempotency_keys_age_idx');
  });

  await knex.schema.alterTable('reliability_readiness_records', table => {
    table
      .string('active_key', 64)
      .nullable()
      .comment(
        'SHA-256 of entity, type and target while the record is active; unique',
      );
  });
  // Backfill: the newest unrevoked record of each entity, type and target.
  const rows = await knex('reliability_readiness_records')
    .whereNull('revoked_at')
    .select(
      'id',
      'entity_ref',
      'type',
      'target_kind',
      'item_id',
      'scorecard_id',
      'check_id',
    )
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
  const seen = new Set();
  for (const row of rows) {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          row.entity_ref,
          row.type,
          row.target_kind,
          row.item_id ?? null,
          row.scorecard_id ?? null,
          row.check_id ?? null,
        ]),
      )
      .digest('hex');
    if (seen.has(key)) continue;
    seen.add(key);
    await knex('reliability_readiness_records')
      .where('id', row.id)
      .update({ active_key: key });
  }
  await knex.schema.alterTable('reliability_readiness_records', table => {
    table.unique(['active_key'], {
      indexName: 'reliability_readiness_records_active_key_uq',
    });
  });

  await knex.schema.alterTable('reliability_toil_items', table => {
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Incremented by every update; the ETag of the item');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_toil_items', table => {
    table.dropColumn('version');
  });
  await knex.schema.alterTable('reliability_readiness_records', table => {
    table.dropUnique(
      ['active_key'],
      'reliability_readiness_records_active_key_uq',
    );
  });
  await knex.schema.alterTable('reliability_readiness_records', table => {
    table.dropColumn('active_key');
  });
  await knex.schema.dropTable('reliability_idempotency_keys');
};
