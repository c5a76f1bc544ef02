// @ts-check

/**
 * Reliability Kit: incident columns of the fleet table (issue 15).
 *
 * `reliability_fleet` gains the incidents collector's figures of the last
 * 28 days, each null until the collector ran for the entity:
 * - `major_incidents`: incidents of the severities that require a
 *   postmortem (SEV0/SEV1 by default) created in the last 28 days;
 * - `major_mttr_ms`: their mean time to restore (resolved ones);
 * - `overdue_actions`: open corrective actions past their due date.
 * Each is a sort key of `GET /fleet`, hence an index with entity_ref.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_fleet', table => {
    table
      .integer('major_incidents')
      .nullable()
      .comment('SEV0/SEV1 incidents created in the last 28 days');
    table
      .double('major_mttr_ms')
      .nullable()
      .comment('Mean time to restore of those incidents, ms');
    table
      .integer('overdue_actions')
      .nullable()
      .comment('Open corrective actions past their due date');
  });
  await knex.schema.alterTable('reliability_fleet', table => {
    for (const column of [
      'major_incidents',
      'major_mttr_ms',
      'overdue_actions',
    ]) {
      table.index([column, 'entity_ref'], `reliability_fleet_${column}_idx`);
    }
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_fleet', table => {
    for (const column of [
      'major_incidents',
      'major_mttr_ms',
      'overdue_actions',
    ]) {
      table.dropIndex(
        [column, 'entity_ref'],
        `reliability_fleet_${column}_idx`,
      );
    }
  });
  await knex.schema.alterTable('reliability_fleet', table => {
    table.dropColumn('major_incidents');
    table.dropColumn('major_mttr_ms');
    table.dropColumn('overdue_actions');
  });
};
