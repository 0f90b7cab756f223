// @ts-check

/**
 * Data grants: which project account asked to read which data-lake
 * database, why, who decided, and when Lake Formation held and dropped it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_data_grants', table => {
    table.comment(
      'Read access to the data lake, kept after it ends for the audit',
    );
    table.string('id', 36).primary();
    table.string('project', 64).notNullable().index();
    table.string('account_id', 12).notNullable();
    table.string('database', 255).notNullable();
    table.text('reason').notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('pending, active, rejected or revoked');
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_note').nullable();
    table.timestamp('granted_at', { useTz: true }).nullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_data_grants');
};
