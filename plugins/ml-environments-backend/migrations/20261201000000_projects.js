// @ts-check

/**
 * The suite's record of ML projects (the authority on who owns each one), the
 * audit trail of acts on them, and the refresh lease shared by replicas.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_projects', table => {
    table.comment('ML projects as the suite provisioned or adopted them');
    table.string('project', 64).primary();
    table.string('pattern', 16).notNullable();
    table.string('owner', 255).notNullable();
    table.text('accounts').notNullable().comment('[{stage, accountId}] JSON');
    table.string('origin', 16).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('lock_task_id', 255).nullable();
    table.string('lock_by', 255).nullable();
    table.timestamp('lock_until', { useTz: true }).nullable();
  });
  await knex.schema.createTable('ml_environments_audit', table => {
    table.comment('Who did what to which ML project, and when');
    table.bigIncrements('id').primary();
    table.timestamp('at', { useTz: true }).notNullable().index();
    table.string('actor', 255).notNullable();
    table.string('project', 64).notNullable().index();
    table.string('action', 32).notNullable();
    table.text('detail').notNullable();
  });
  await knex.schema.createTable('ml_environments_refresh_lease', table => {
    table.comment('When a replica last started a refresh of the snapshot');
    table.string('id', 16).primary();
    table.timestamp('started_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_refresh_lease');
  await knex.schema.dropTable('ml_environments_audit');
  await knex.schema.dropTable('ml_environments_projects');
};
