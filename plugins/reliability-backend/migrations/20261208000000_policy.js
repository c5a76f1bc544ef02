// @ts-check

/**
 * Reliability Kit: error-budget policy (issue 16).
 *
 * - `reliability_policy_states`: the current policy state of each entity.
 * - `reliability_policy_transitions`: every change of state (from, to, when,
 *   why); the audit log has an entry for each too.
 * - `reliability_policy_exceptions`: exceptions (deploys allowed despite the
 *   state until they expire); revoked ones are kept.
 * - `reliability_notifications_sent`: what was notified, so the same
 *   notification is not sent again within the configured period.
 * - `reliability_fleet.policy_state`: the policy column of the fleet table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_policy_states', table => {
    table.comment('The current error-budget policy state of each entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('policy_id', 255).notNullable().comment('Tier id or default');
    table.string('state', 64).notNullable();
    table.string('since', 32).notNullable().comment('ISO 8601');
    table.text('reasons').notNullable().comment('JSON array of strings');
    table
      .string('exit_since', 32)
      .nullable()
      .comment('Since when the exit condition has held (ISO 8601)');
    table.string('computed_at', 32).notNullable().comment('ISO 8601');
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
  });

  await knex.schema.createTable('reliability_policy_transitions', table => {
    table.comment('Every change of an entity policy state');
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('from_state', 64).nullable();
    table.string('to_state', 64).notNullable();
    table.string('at', 32).notNullable().comment('ISO 8601');
    table.text('reasons').notNullable().comment('JSON array of strings');
    table.index(['entity_ref', 'id'], 'reliability_policy_transitions_idx');
  });

  await knex.schema.createTable('reliability_policy_exceptions', table => {
    table.comment('Exceptions to entity error-budget policies');
    table.string('id', 64).primary().notNullable().comment('A UUID');
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 64).notNullable();
    table.text('reason').notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable().comment('ISO 8601');
    table.string('expires_at', 32).notNullable().comment('ISO 8601');
    table.string('revoked_at', 32).nullable().comment('ISO 8601');
    table.string('revoked_by', 255).nullable();
    table.index(['entity_ref'], 'reliability_policy_exceptions_entity_idx');
  });

  await knex.schema.createTable('reliability_notifications_sent', table => {
    table.comment(
      'Notifications sent, by key, so that a repeat within the configured period is not sent',
    );
    table
      .string('notification_key', 512)
      .primary()
      .notNullable()
      .comment('e.g. policy:component:default/x:exhausted');
    table.string('entity_ref', 255).notNullable();
    table.string('topic', 128).notNullable();
    table.string('sent_at', 32).notNullable().comment('ISO 8601');
  });

  await knex.schema.alterTable('reliability_fleet', table => {
    table
      .string('policy_state', 64)
      .nullable()
      .comment('The error-budget policy state; null when not evaluated');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reliability_fleet', table => {
    table.dropColumn('policy_state');
  });
  await knex.schema.dropTable('reliability_notifications_sent');
  await knex.schema.dropTable('reliability_policy_exceptions');
  await knex.schema.dropTable('reliability_policy_transitions');
  await knex.schema.dropTable('reliability_policy_states');
};
