// @ts-check

/**
 * A project's offboarding: why and by whom it was asked, and what became of
 * each account. The record stays after retirement, for the audit and so
 * that the name is never provisioned again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ml_environments_projects', table => {
    table
      .text('retirement')
      .nullable()
      .comment(
        '{state, reason, requestedBy, requestedAt, retiredAt, accounts} JSON',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ml_environments_projects', table => {
    table.dropColumn('retirement');
  });
};
