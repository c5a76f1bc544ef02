// @ts-check

/**
 * Reliability Kit: the entity index and the per-entity section snapshots.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_entities', table => {
    table.comment(
      'One row per catalog entity the suite knows, refreshed from the catalog by the entity index task',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table
      .string('tier', 255)
      .nullable()
      .comment('A configured tier id, or null');
    table
      .string('tier_status', 32)
      .notNullable()
      .comment('ok, missing or invalid');
    table.text('tier_message').nullable();
    table.string('updated_at', 32).notNullable().comment('ISO 8601');
    table.index(['tier'], 'reliability_entities_tier_idx');
    table.index(['owner_ref'], 'reliability_entities_owner_idx');
  });

  await knex.schema.createTable('reliability_sections', table => {
    table.comment(
      'The latest stored answer of each section (slos, alertQuality, ...) per entity',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('section', 64).notNullable();
    table.text('payload').notNullable().comment('JSON: items and problems');
    table.string('status', 32).notNullable();
    table.boolean('demo').notNullable().defaultTo(false);
    table.string('computed_at', 32).nullable().comment('ISO 8601');
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
    table.primary(['entity_ref', 'section']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_sections');
  await knex.schema.dropTable('reliability_entities');
};
