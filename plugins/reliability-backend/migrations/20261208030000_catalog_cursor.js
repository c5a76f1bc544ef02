// @ts-check

/**
 * Reliability Kit: work only on catalog changes (issue 20).
 *
 * `reliability_catalog_cursor`: the catalog etag of every component as of
 * the last pass that indexed it and evaluated its readiness. The change
 * pass pages the catalog for refs and etags only, and fetches, indexes and
 * evaluates just the entities whose etag differs from the one stored here
 * (new ones included); rows of entities gone from the catalog are removed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_catalog_cursor', table => {
    table.comment(
      'Catalog etag of each component as of the last pass that indexed and evaluated it',
    );
    table.string('entity_ref', 255).notNullable().primary();
    table
      .string('etag', 255)
      .notNullable()
      .comment('metadata.etag of the catalog entity');
    table
      .string('seen_at', 32)
      .notNullable()
      .comment('ISO 8601: when this etag was recorded');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_catalog_cursor');
};
