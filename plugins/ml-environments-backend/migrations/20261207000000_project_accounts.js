// @ts-check

/**
 * One row per account of a live (not retired) project, keyed by the account
 * id: the database, not its callers, keeps an account in at most one project.
 * The project row's `accounts` JSON stays the record's shape; this table is
 * written in the same transaction and refuses a second owner.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ml_environments_project_accounts', table => {
    table.comment('Which live ML project each AWS account belongs to');
    table.string('account_id', 12).primary();
    table
      .string('project', 64)
      .notNullable()
      .index()
      .references('project')
      .inTable('ml_environments_projects')
      .onDelete('CASCADE');
    table.string('stage', 16).notNullable();
  });
  const rows = (
    await knex('ml_environments_projects')
      .orderBy('created_at')
      .select('project', 'accounts', 'retirement')
  ).filter(r => !r.retirement || JSON.parse(r.retirement).state !== 'retired');
  const seen = new Set();
  for (const row of rows) {
    /** @type {Array<{accountId: string, stage: string}>} */
    const accounts = JSON.parse(row.accounts);
    for (const { accountId, stage } of accounts) {
      // Records made before the constraint may share an account: the first
      // recorded keeps it, the later one has it dropped from its record.
      if (seen.has(accountId)) continue;
      seen.add(accountId);
      await knex('ml_environments_project_accounts').insert({
        account_id: accountId,
        project: row.project,
        stage,
      });
    }
  }
  for (const row of rows) {
    const own = await knex('ml_environments_project_accounts')
      .where({ project: row.project })
      .select('account_id', 'stage');
    /** @type {Array<{accountId: string}>} */
    const accounts = JSON.parse(row.accounts);
    const kept = accounts.filter(a =>
      own.some(o => o.account_id === a.accountId),
    );
    await knex('ml_environments_projects')
      .where({ project: row.project })
      .update({ accounts: JSON.stringify(kept) });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ml_environments_project_accounts');
};
