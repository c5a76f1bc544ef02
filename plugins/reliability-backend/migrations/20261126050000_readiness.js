// @ts-check

/**
 * Reliability Kit: readiness records (attestations and exemptions), the
 * append-only audit log, pushed scorecard check results, and the current
 * and daily scorecard results.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_readiness_records', table => {
    table.comment(
      'Attestations and exemptions of readiness items and scorecard checks; revoked records are kept',
    );
    table.string('id', 64).primary().notNullable().comment('A UUID');
    table.string('entity_ref', 255).notNullable();
    table
      .string('type', 16)
      .notNullable()
      .checkIn(['attestation', 'exemption'])
      .comment('attestation or exemption');
    table
      .string('target_kind', 32)
      .notNullable()
      .checkIn(['readiness', 'scorecard-check'])
      .comment('readiness or scorecard-check');
    table
      .string('item_id', 255)
      .nullable()
      .comment('The readiness item (target_kind readiness)');
    table
      .string('scorecard_id', 255)
      .nullable()
      .comment('The scorecard (target_kind scorecard-check)');
    table
      .string('check_id', 255)
      .nullable()
      .comment('The scorecard check (target_kind scorecard-check)');
    table.string('created_by', 255).notNullable().comment('A user entity ref');
    table.string('created_at', 32).notNullable().comment('ISO 8601');
    table
      .text('reason')
      .notNullable()
      .comment('Why (exemptions) or a comment (attestations)');
    table.text('evidence_url').nullable();
    table.string('expires_at', 32).nullable().comment('ISO 8601; null = never');
    table.string('revoked_at', 32).nullable().comment('ISO 8601');
    table.string('revoked_by', 255).nullable();
    table.text('revoke_reason').nullable();
    table.index(['entity_ref'], 'reliability_readiness_records_entity_idx');
  });

  await knex.schema.createTable('reliability_audit_log', table => {
    table.comment(
      'Append-only log of attestations, exemptions, revocations, pushes and toil edits (triggers reject UPDATE and DELETE)',
    );
    table.bigIncrements('id');
    table.string('at', 32).notNullable().comment('ISO 8601');
    table
      .string('actor', 255)
      .notNullable()
      .comment('A user or service principal');
    table
      .string('action', 32)
      .notNullable()
      .comment('attest, exempt, revoke, push, toil.create, ...');
    table.string('entity_ref', 255).notNullable();
    table
      .string('target', 512)
      .notNullable()
      .comment('e.g. readiness:backup-restore or scorecard:golden-path/ci');
    table
      .text('details')
      .notNullable()
      .comment('JSON: the record or payload the action wrote');
    table.index(['entity_ref', 'id'], 'reliability_audit_log_entity_idx');
  });

  const client = String(knex.client.config.client);
  if (['pg', 'postgres', 'postgresql'].includes(client)) {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION reliability_audit_log_append_only()
      RETURNS trigger AS $body$
      BEGIN
        RAISE EXCEPTION 'reliability_audit_log is append-only: % rejected', TG_OP;
      END;
      $body$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER reliability_audit_log_no_change
      BEFORE UPDATE OR DELETE ON reliability_audit_log
      FOR EACH ROW EXECUTE FUNCTION reliability_audit_log_append_only()`);
    await knex.raw(`
      CREATE TRIGGER reliability_audit_log_no_truncate
      BEFORE TRUNCATE ON reliability_audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION reliability_audit_log_append_only()`);
  } else if (['better-sqlite3', 'sqlite3', 'sqlite'].includes(client)) {
    // Note: SQLite drops these triggers if knex ever rebuilds the table
    // (alterTable of a column); recreate them in such a migration.
    await knex.raw(`
      CREATE TRIGGER reliability_audit_log_no_update
      BEFORE UPDATE ON reliability_audit_log
      BEGIN
        SELECT RAISE(ABORT, 'reliability_audit_log is append-only: UPDATE rejected');
      END`);
    await knex.raw(`
      CREATE TRIGGER reliability_audit_log_no_delete
      BEFORE DELETE ON reliability_audit_log
      BEGIN
        SELECT RAISE(ABORT, 'reliability_audit_log is append-only: DELETE rejected');
      END`);
  }

  await knex.schema.createTable('reliability_pushed_results', table => {
    table.comment(
      'The latest result pushed by CI for each entity and scorecard check',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('scorecard_id', 255).notNullable();
    table.boolean('passed').notNullable();
    table.text('value').nullable().comment('JSON: a number, string or boolean');
    table.text('details').nullable();
    table.text('url').nullable().comment('A link to the CI run');
    table
      .string('pushed_by', 255)
      .notNullable()
      .comment('The principal that pushed it');
    table.string('pushed_at', 32).notNullable().comment('ISO 8601');
    table.primary(['entity_ref', 'check_id']);
  });

  await knex.schema.createTable('reliability_scorecard_results', table => {
    table.comment(
      'The current result of each scorecard for each entity it applies to',
    );
    table.string('scorecard_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('tier', 63).nullable();
    table
      .string('level', 255)
      .nullable()
      .comment('The highest level reached; null below the first');
    table.double('score').notNullable().comment('0..1');
    table
      .text('failing')
      .notNullable()
      .comment('JSON array: ids of the failing checks');
    table.text('result').notNullable().comment('JSON: the ScorecardResult');
    table.string('evaluated_at', 32).notNullable().comment('ISO 8601');
    table.primary(['scorecard_id', 'entity_ref']);
    table.index(
      ['scorecard_id', 'owner_ref', 'entity_ref'],
      'reliability_scorecard_results_owner_idx',
    );
    table.index(
      ['scorecard_id', 'tier', 'entity_ref'],
      'reliability_scorecard_results_tier_idx',
    );
    table.index(
      ['scorecard_id', 'level', 'entity_ref'],
      'reliability_scorecard_results_level_idx',
    );
    table.index(['entity_ref'], 'reliability_scorecard_results_entity_idx');
  });

  await knex.schema.createTable('reliability_scorecard_history', table => {
    table.comment(
      'One row per scorecard, entity and UTC day: the last result of the day',
    );
    table.string('scorecard_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table.string('level', 255).nullable();
    table.double('score').notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('tier', 63).nullable();
    table.primary(['scorecard_id', 'entity_ref', 'day']);
    table.index(
      ['scorecard_id', 'day'],
      'reliability_scorecard_history_day_idx',
    );
    table.index(['day'], 'reliability_scorecard_history_prune_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_scorecard_history');
  await knex.schema.dropTable('reliability_scorecard_results');
  await knex.schema.dropTable('reliability_pushed_results');
  await knex.schema.dropTable('reliability_audit_log');
  const client = String(knex.client.config.client);
  if (['pg', 'postgres', 'postgresql'].includes(client)) {
    await knex.raw(
      'DROP FUNCTION IF EXISTS reliability_audit_log_append_only()',
    );
  }
  await knex.schema.dropTable('reliability_readiness_records');
};
