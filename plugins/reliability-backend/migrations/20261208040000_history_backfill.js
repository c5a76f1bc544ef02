// @ts-check

/**
 * Reliability Kit: history from day one (issue 13).
 *
 * `reliability_fleet_weekly.backfilled`: true for the rows of weeks before
 * the suite was installed, rebuilt from the stored daily SLO history and
 * paging incidents; false for the rows the collectors keep up to date. A
 * backfill only ever replaces backfilled rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_fleet_weekly', table => {
    table
      .boolean('backfilled')
      .notNullable()
      .defaultTo(false)
      .comment(
        'Rebuilt from stored SLO history and incidents, not kept by the collectors',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_fleet_weekly', table => {
    table.dropColumn('backfilled');
  });
};
