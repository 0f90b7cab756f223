// @ts-check

/**
 * The guardrail alerts the owners were last told about, so that a refresh
 * notifies only what changed (and each change once, across replicas).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_alerts', table => {
    table.comment('Guardrail problems already notified to project owners');
    table
      .string('key', 255)
      .primary()
      .comment('<accountId>/<guardrailId>, or #baseline once the first is set');
    table.string('project', 255).notNullable();
    table.string('state', 32).notNullable();
    table.timestamp('notified_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_alerts');
};
