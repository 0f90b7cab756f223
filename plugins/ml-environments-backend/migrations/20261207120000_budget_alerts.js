// @ts-check

/**
 * The spending-limit notices sent: one per project, month and threshold, so
 * that no replica or restart tells an owner group twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_budget_alerts', table => {
    table.comment('Spending-limit thresholds owner groups were told of');
    table.string('project', 64).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM (UTC)');
    table.integer('threshold').notNullable().comment('Percent: 80 or 100');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['project', 'month', 'threshold']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_budget_alerts');
};
