// @ts-check

/**
 * The SageMaker Studio profiles the suite made, per project: the only ones
 * its profile sync ever deletes (a tag on a profile can be set by others).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_studio_profiles', table => {
    table.comment('Studio user profiles the suite made, by project');
    table.string('project', 255).notNullable();
    table.string('profile', 63).notNullable();
    table.timestamp('made_at', { useTz: true }).notNullable();
    table.primary(['project', 'profile']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_studio_profiles');
};
