// @ts-check

/**
 * Reliability Kit: pages per on-call person per week in the fleet table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_fleet', table => {
    table
      .double('pages_per_on_call_week')
      .nullable()
      .comment('Pages per on-call person-week over the last 28 days');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_fleet', table => {
    table.dropColumn('pages_per_on_call_week');
  });
};
