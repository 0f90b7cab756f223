// @ts-check

/**
 * Snapshots of the AWS organization, newest last; the status views read the
 * latest one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_snapshots', table => {
    table.comment(
      'Snapshots of the AWS organization taken by the refresh task',
    );
    table.bigIncrements('id').primary();
    table.timestamp('taken_at', { useTz: true }).notNullable().index();
    table
      .text('snapshot', 'longtext')
      .notNullable()
      .comment('OrganizationSnapshot as JSON');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_snapshots');
};
