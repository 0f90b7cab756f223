// @ts-check

/**
 * When the suite first saw each guardrail problem of an OU (missing or
 * drifted), so that an account inheriting it can tell its age.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_problems', table => {
    table.comment('Guardrail problems of OUs and when they were first seen');
    table
      .string('key', 512)
      .primary()
      .comment('<where>|<guardrailId>|<state>, see problemKey');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_problems');
};
