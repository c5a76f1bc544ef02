// @ts-check

/**
 * Reliability Kit: incidents, postmortems and corrective actions (issue 15).
 *
 * - `reliability_incidents` gains what severities and MTTD are read from:
 *   the PagerDuty priority name and major flag, the severity label of
 *   incidents rebuilt from ALERTS, a severity set by an added source, and
 *   the source's own impact start.
 * - `reliability_postmortems`: the postmortems of each entity and source
 *   (files next to the entity, or an added source), with their actions.
 * - `reliability_ticket_states`: the last state read of each action ticket.
 * - `reliability_incident_impacts`: impact starts found from the SLO burn
 *   rate on Prometheus (null: searched, none found), computed once.
 * - `reliability_incident_entity_state`: the problems of an entity's last
 *   postmortem read and when it ran.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reliability_incidents', table => {
    table
      .string('priority', 255)
      .nullable()
      .comment('PagerDuty priority name, e.g. P1');
    table.boolean('major').nullable().comment('PagerDuty major incident');
    table
      .string('severity_label', 255)
      .nullable()
      .comment('The severity label value of an incident rebuilt from ALERTS');
    table
      .string('severity', 255)
      .nullable()
      .comment('A severity set by the source');
    table
      .string('impact_started_at', 32)
      .nullable()
      .comment('ISO 8601: the impact start the source records');
  });

  await knex.schema.createTable('reliability_postmortems', table => {
    table.comment(
      'Postmortems of each entity and source, with their corrective actions',
    );
    table.string('entity_ref', 255).notNullable();
    table
      .string('source', 255)
      .notNullable()
      .comment('file, or the id of an added source');
    table
      .string('id', 767)
      .notNullable()
      .comment('The file path or the source id');
    table.text('title').notNullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('draft, in-review or published');
    table.string('severity', 255).nullable();
    table.string('created_at', 32).nullable();
    table.string('published_at', 32).nullable();
    table
      .text('incident_ids')
      .notNullable()
      .comment('JSON array of incident ids');
    table
      .text('actions')
      .notNullable()
      .comment('JSON array of corrective actions');
    table.text('url').nullable();
    table.string('synced_at', 32).notNullable();
    table.primary(['entity_ref', 'source', 'id']);
  });

  await knex.schema.createTable('reliability_ticket_states', table => {
    table.comment('The last state read of each corrective action ticket');
    table.string('ticket', 767).notNullable().primary();
    table.string('provider', 255).notNullable();
    table
      .string('state', 16)
      .nullable()
      .comment('open or done; null until read once');
    table.string('status_name', 255).nullable();
    table.string('closed_at', 32).nullable();
    table.text('url').nullable();
    table.string('fetched_at', 32).nullable();
    table.text('last_error').nullable();
    table.string('last_error_at', 32).nullable();
  });

  await knex.schema.createTable('reliability_incident_impacts', table => {
    table.comment(
      'Impact starts found from the SLO burn rate (null: none found)',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('source', 255).notNullable();
    table.string('incident_id', 255).notNullable();
    table.string('impact_started_at', 32).nullable();
    table
      .string('slo_id', 255)
      .nullable()
      .comment('The SLO whose breach gave the start');
    table.string('computed_at', 32).notNullable();
    table.primary(['entity_ref', 'source', 'incident_id']);
  });

  await knex.schema.createTable('reliability_incident_entity_state', table => {
    table.comment('Problems of the last postmortem read of each entity');
    table.string('entity_ref', 255).notNullable().primary();
    table
      .text('problems')
      .notNullable()
      .comment('JSON array of entity problems');
    table.string('computed_at', 32).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_incident_entity_state');
  await knex.schema.dropTable('reliability_incident_impacts');
  await knex.schema.dropTable('reliability_ticket_states');
  await knex.schema.dropTable('reliability_postmortems');
  await knex.schema.alterTable('reliability_incidents', table => {
    table.dropColumn('priority');
    table.dropColumn('major');
    table.dropColumn('severity_label');
    table.dropColumn('severity');
    table.dropColumn('impact_started_at');
  });
};
