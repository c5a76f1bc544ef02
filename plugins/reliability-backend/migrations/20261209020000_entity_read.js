// @ts-check

/**
 * Reliability Kit: the entity endpoints read the entity from the index
 * (issue 20).
 *
 * `reliability_entities.entity_json`: the catalog entity as the last index
 * pass read it (JSON). The entity-scoped routes resolve the entity of a
 * request from it instead of asking the catalog on every request; null
 * (rows written before this migration, until the next full index pass, which
 * runs shortly after start) makes them ask the catalog as before.
 *
 * `reliability_entities.entity_key`: the entity ref in lower case, indexed:
 * entity names are case-insensitive in the catalog, and the frontend asks
 * for them in lower case.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Both nullable (knex's default): rows written before this migration.
  await knex.schema.alterTable('reliability_entities', table => {
    table
      .string('entity_key', 255)
      .index('reliability_entities_key_idx')
      .comment('entity_ref in lower case, for case-insensitive lookups');
    table.text('entity_json').comment('The catalog entity as last indexed');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_entities', table => {
    table.dropIndex(['entity_key'], 'reliability_entities_key_idx');
    table.dropColumn('entity_key');
    table.dropColumn('entity_json');
  });
};
