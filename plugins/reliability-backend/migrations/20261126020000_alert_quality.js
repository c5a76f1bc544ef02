// @ts-check

/**
 * Reliability Kit: incidents, on-call shifts, alert sources and toil items.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_incidents', table => {
    table.comment(
      'Incidents from paging providers, kept for the configured retention',
    );
    table
      .string('source', 64)
      .notNullable()
      .comment('pagerduty, alertmanager, demo');
    table.string('id', 255).notNullable().comment('The id in the source');
    table.string('entity_ref', 255).notNullable();
    table.string('service_id', 255).nullable();
    table.text('title').notNullable();
    table.string('alert_key', 512).nullable();
    table.string('urgency', 16).notNullable();
    table.string('status', 32).notNullable();
    table.string('created_at', 32).notNullable().comment('ISO 8601');
    table.string('first_acknowledged_at', 32).nullable();
    table.string('resolved_at', 32).nullable();
    table.integer('escalations').notNullable().defaultTo(0);
    table.string('synced_at', 32).notNullable();
    table.primary(['entity_ref', 'source', 'id']);
    table.index(
      ['entity_ref', 'created_at'],
      'reliability_incidents_entity_created_idx',
    );
    table.index(['created_at'], 'reliability_incidents_created_idx');
  });

  await knex.schema.createTable('reliability_paging_sync', table => {
    table.comment('Incremental sync state per entity and paging source');
    table.string('entity_ref', 255).notNullable();
    table.string('source', 64).notNullable();
    table.text('cursor').nullable();
    table.string('synced_at', 32).nullable();
    table.text('last_error').nullable();
    table.string('last_error_at', 32).nullable();
    table.primary(['entity_ref', 'source']);
  });

  await knex.schema.createTable('reliability_toil_items', table => {
    table.comment('Self-reported toil of a team, per entity');
    table.string('id', 64).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('task', 255).notNullable();
    table.double('minutes_per_occurrence').notNullable();
    table.double('occurrences_per_week').notNullable();
    table.string('owner', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(['entity_ref'], 'reliability_toil_items_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_toil_items');
  await knex.schema.dropTable('reliability_paging_sync');
  await knex.schema.dropTable('reliability_incidents');
};
