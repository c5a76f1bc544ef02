// @ts-check

/**
 * Reliability Kit: campaigns (issue 17).
 *
 * - `reliability_campaigns`: campaigns created through the API (config
 *   campaigns live in app-config only).
 * - `reliability_campaign_exemptions`: entities a campaign exempts.
 * - `reliability_campaign_members`: the audience over time (joined / left)
 *   and each member's status, computed from the stored readiness and
 *   scorecard results.
 * - `reliability_campaign_history`: one row per campaign and day (in the
 *   campaign's time zone), for the burn-up.
 * - `reliability_campaign_promotions`: what an ended campaign put into a
 *   tier's readiness checklist or a scorecard level.
 *
 * Reminders are claimed in `reliability_notifications_sent`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reliability_campaigns', table => {
    table.comment('Campaigns created through the API');
    table.string('id', 64).primary().notNullable();
    table.string('title', 255).notNullable();
    table.text('description').notNullable();
    table.text('how_to_fix').nullable();
    table.string('owner', 255).notNullable();
    table.text('target').notNullable().comment('JSON CampaignTarget');
    table.text('audience').notNullable().comment('JSON CampaignAudience');
    table.string('start_date', 10).notNullable().comment('YYYY-MM-DD');
    table.string('due_date', 10).notNullable().comment('YYYY-MM-DD');
    table.string('time_zone', 64).notNullable();
    table.text('reminders').notNullable().comment('JSON CampaignReminders');
    table.boolean('published').notNullable();
    table.string('ended_at', 32).nullable().comment('ISO 8601');
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable().comment('ISO 8601');
    table.string('updated_at', 32).notNullable().comment('ISO 8601');
  });

  await knex.schema.createTable('reliability_campaign_exemptions', table => {
    table.comment('Entities exempted from a campaign');
    table.string('campaign_id', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.text('reason').notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable().comment('ISO 8601');
    table.primary(['campaign_id', 'entity_ref']);
  });

  await knex.schema.createTable('reliability_campaign_members', table => {
    table.comment(
      'The audience of each campaign over time, with each member status',
    );
    table.string('campaign_id', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('tier', 63).nullable();
    table
      .string('joined_at', 32)
      .notNullable()
      .comment('When it (last) entered the audience (ISO 8601)');
    table
      .boolean('initial')
      .notNullable()
      .comment('In the audience from the start (not joined later)');
    table
      .string('left_at', 32)
      .nullable()
      .comment('When it left the audience (ISO 8601); null while in it');
    table
      .string('status', 16)
      .notNullable()
      .comment('done, not-done or exempt');
    table.text('missing').notNullable().comment('JSON array of titles');
    table.string('updated_at', 32).notNullable().comment('ISO 8601');
    table.primary(['campaign_id', 'entity_ref']);
    table.index(
      ['campaign_id', 'status', 'entity_ref'],
      'reliability_campaign_members_status_idx',
    );
    table.index(['entity_ref'], 'reliability_campaign_members_entity_idx');
  });

  await knex.schema.createTable('reliability_campaign_history', table => {
    table.comment('One row per campaign and day, for the burn-up');
    table.string('campaign_id', 64).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, campaign zone');
    table.integer('in_scope').notNullable();
    table.integer('done').notNullable();
    table.integer('exempt').notNullable();
    table.primary(['campaign_id', 'day']);
  });

  await knex.schema.createTable('reliability_campaign_promotions', table => {
    table.comment(
      'Targets of ended campaigns promoted into a readiness checklist or a scorecard',
    );
    table.string('campaign_id', 64).primary().notNullable();
    table.string('kind', 16).notNullable().comment('readiness or scorecard');
    table.string('target_id', 255).notNullable().comment('Tier or scorecard');
    table.string('level', 64).nullable().comment('Scorecard level');
    table.text('readiness_items').notNullable().comment('JSON array of ids');
    table.text('scorecard_checks').notNullable().comment('JSON array of ids');
    table.string('promoted_by', 255).notNullable();
    table.string('promoted_at', 32).notNullable().comment('ISO 8601');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reliability_campaign_promotions');
  await knex.schema.dropTable('reliability_campaign_history');
  await knex.schema.dropTable('reliability_campaign_members');
  await knex.schema.dropTable('reliability_campaign_exemptions');
  await knex.schema.dropTable('reliability_campaigns');
};
