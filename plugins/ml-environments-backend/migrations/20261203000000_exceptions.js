// @ts-check

/**
 * Guardrail exceptions: who asked to lift which guardrail for which account,
 * why and until when, who decided, and when AWS carried the carve-out.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_exceptions', table => {
    table.comment('Guardrail exceptions, kept after they end for the audit');
    table.string('id', 36).primary();
    table.string('project', 64).notNullable().index();
    table.string('account_id', 12).notNullable();
    table.string('guardrail_id', 128).notNullable();
    table.text('reason').notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment(
        'pending, approved, rejected or revoked; expiry is from ends_at',
      );
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_note').nullable();
    table.timestamp('applied_at', { useTz: true }).nullable();
    table.timestamp('removed_at', { useTz: true }).nullable();
    table
      .string('reminded', 16)
      .nullable()
      .comment('The last expiry reminder sent: 7d or 1d');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_exceptions');
};
