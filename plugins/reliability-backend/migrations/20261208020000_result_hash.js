// @ts-check

/**
 * Reliability Kit: evaluation runs write only what changed (issue 14).
 *
 * - `reliability_sections.content_hash`: a hash of what a section holds
 *   apart from the time it was computed, so a run that computes the same
 *   section again leaves the row as it is. Null until the next write.
 * - `reliability_scorecard_results.content_hash`: likewise for a current
 *   scorecard result (result, owner, tier; not `evaluatedAt`).
 * - `reliability_scorecard_results.history_day`: the last day a history row
 *   was written for the result, so the first run of a day records the day's
 *   history and later runs of that day write nothing when nothing changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_sections', table => {
    table
      .string('content_hash', 64)
      .nullable()
      .comment('Hash of the stored content without its computation time');
  });
  await knex.schema.alterTable('reliability_scorecard_results', table => {
    table
      .string('content_hash', 64)
      .nullable()
      .comment('Hash of result, owner and tier without evaluatedAt');
    table
      .string('history_day', 10)
      .nullable()
      .comment('Last day (YYYY-MM-DD, UTC) a history row was written');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_scorecard_results', table => {
    table.dropColumn('history_day');
    table.dropColumn('content_hash');
  });
  await knex.schema.alterTable('reliability_sections', table => {
    table.dropColumn('content_hash');
  });
};
