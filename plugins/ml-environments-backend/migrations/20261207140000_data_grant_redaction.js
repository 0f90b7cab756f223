// @ts-check

/**
 * Sensitive data grants: what a grant withholds (the dataset's
 * classification when asked, the PII columns kept out of a dev account, and
 * why), and the data owners who approved while a second approval was
 * awaited.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ml_environments_data_grants', table => {
    table
      .text('redaction')
      .nullable()
      .comment(
        'JSON: {sensitive, tables, withheld: [{table, columns}], withheldTables, reason}',
      );
    table
      .text('approvals')
      .nullable()
      .comment('JSON: [{by, at, note}] of the approvals before the final one');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ml_environments_data_grants', table => {
    table.dropColumn('redaction');
    table.dropColumn('approvals');
  });
};
