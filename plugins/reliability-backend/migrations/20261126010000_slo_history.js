// @ts-check

/**
 * Reliability Kit: SLO definitions (for the rules export) and daily SLO
 * history points.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_slo_definitions', table => {
    table.comment(
      'The parsed SLO specs of file-defined SLOs, as last read by the SLO collector',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('slo_id', 255).notNullable();
    table.text('spec').notNullable().comment('JSON SloSpec');
    table.string('updated_at', 32).notNullable();
    table.primary(['entity_ref', 'slo_id']);
  });

  await knex.schema.createTable('reliability_slo_history', table => {
    table.comment(
      'One point per SLO and UTC day; the last refresh of the day wins',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('slo_id', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table
      .string('at', 32)
      .notNullable()
      .comment('ISO 8601 time of the measurement');
    table.double('objective').notNullable();
    table.double('sli').nullable();
    table.double('budget_remaining').nullable();
    table.string('status', 32).notNullable();
    table.primary(['entity_ref', 'slo_id', 'day']);
    table.index(['day'], 'reliability_slo_history_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_slo_history');
  await knex.schema.dropTable('reliability_slo_definitions');
};
