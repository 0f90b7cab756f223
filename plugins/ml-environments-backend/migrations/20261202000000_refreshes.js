// @ts-check

/**
 * Each refresh of the snapshot and how far it got, so that any replica can
 * answer GET /refresh/{id} for a refresh another replica runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_refreshes', table => {
    table.comment('Refreshes of the organization snapshot and their progress');
    table.string('id', 36).primary();
    table.string('state', 16).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable().index();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('progress').notNullable().comment('RefreshProgress JSON');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_refreshes');
};
