// @ts-check

/**
 * Reliability Kit: the fleet table (one denormalised row per entity, kept
 * up to date by the entity indexer and the collectors) and its weekly
 * history (one row per entity and ISO week).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_fleet', table => {
    table.comment(
      'One row per entity: the figures of the leaders view, maintained by the collectors',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 63).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 63).notNullable();
    table.string('title', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('tier', 63).nullable();
    table.string('slo_status', 16).notNullable().defaultTo('no-slo');
    table
      .integer('slo_rank')
      .notNullable()
      .defaultTo(4)
      .comment('0 breaching, 1 at-risk, 2 no-data, 3 healthy, 4 no-slo');
    table.integer('slo_count').notNullable().defaultTo(0);
    table.double('worst_budget_remaining').nullable();
    table.double('pages_per_week').nullable();
    table.double('mtta_ms').nullable();
    table.double('mttr_ms').nullable();
    table.double('noise_ratio').nullable();
    table.double('runbook_coverage').nullable();
    table.string('readiness', 16).notNullable().defaultTo('unknown');
    table.string('golden_path_level', 32).nullable();
    table.string('updated_at', 32).notNullable();
    table.index(['tier', 'entity_ref'], 'reliability_fleet_tier_idx');
    table.index(
      ['slo_status', 'entity_ref'],
      'reliability_fleet_slo_status_idx',
    );
    table.index(['owner_ref', 'entity_ref'], 'reliability_fleet_owner_idx');
    table.index(['system_ref', 'entity_ref'], 'reliability_fleet_system_idx');
    table.index(['readiness', 'entity_ref'], 'reliability_fleet_readiness_idx');
    table.index(['slo_rank', 'entity_ref'], 'reliability_fleet_slo_rank_idx');
    for (const column of [
      'worst_budget_remaining',
      'pages_per_week',
      'mtta_ms',
      'mttr_ms',
      'noise_ratio',
      'runbook_coverage',
    ]) {
      table.index([column, 'entity_ref'], `reliability_fleet_${column}_idx`);
    }
  });

  await knex.schema.createTable('reliability_fleet_weekly', table => {
    table.comment(
      'One row per entity and ISO week (UTC Monday): the last figures of the week',
    );
    table.string('week', 10).notNullable().comment('YYYY-MM-DD, a Monday');
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('tier', 63).nullable();
    table.string('slo_status', 16).notNullable();
    table.integer('slo_count').notNullable().defaultTo(0);
    table.double('worst_budget_remaining').nullable();
    table
      .boolean('breached')
      .notNullable()
      .defaultTo(false)
      .comment('Breaching at any update during the week');
    table.double('pages_per_week').nullable();
    table.string('updated_at', 32).notNullable();
    table.primary(['week', 'entity_ref']);
    table.index(['week', 'tier'], 'reliability_fleet_weekly_tier_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_fleet_weekly');
  await knex.schema.dropTable('reliability_fleet');
};
