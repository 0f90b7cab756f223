import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  ACCOUNT_TAGS,
  AccountPatternId,
  AccountStage,
  MlProjectRecord,
  mlOrganizationChangePermission,
} from '@mlgov/plugin-ml-environments-common';
import { readOrganizationTags } from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps } from './deps';

type Ctx = ActionContext<any, any, any>;

/**
 * Asks the suite's record whether the task's user may provision the project
 * as asked, before any AWS call; a real run also holds the project for this
 * task. Who acts comes from the task, never from the template's values.
 */
export async function claimProject(
  deps: AwsMlActionDeps,
  ctx: Ctx,
  project: string,
  claim: { pattern: AccountPatternId; owner: string },
): Promise<MlProjectRecord | undefined> {
  return deps.projects.claimProvisioning(
    await ctx.getInitiatorCredentials(),
    project,
    { ...claim, taskId: ctx.task.id, dryRun: Boolean(ctx.isDryRun) },
  );
}

/**
 * For single-step actions that write tags: when they tie a change to an ML
 * project, the project must be in the suite's record and the task's user
 * allowed to provision it; tags that disagree with the record are refused.
 */
export async function checkProjectTags(
  deps: AwsMlActionDeps,
  ctx: Ctx,
  tags: Record<string, string | undefined>,
  what: string,
) {
  const project = tags[ACCOUNT_TAGS.project];
  if (!project) return;
  const record = await deps.projects.checkProjectChange(
    await ctx.getInitiatorCredentials(),
    project,
  );
  const pattern = tags[ACCOUNT_TAGS.pattern];
  const owner = tags[ACCOUNT_TAGS.owner];
  if (
    (pattern !== undefined && pattern !== record.pattern) ||
    (owner !== undefined && owner !== record.owner)
  ) {
    throw new InputError(
      `${what}: tags ${ACCOUNT_TAGS.pattern}=${pattern} ${ACCOUNT_TAGS.owner}=${owner} disagree with ML project ${project}'s record (${record.pattern}, ${record.owner}); use the recorded values, or aws:ml:transferProject to change the owner`,
    );
  }
}

/**
 * The account's own project tag says which project a change to it touches;
 * the record, not the account's other tags, says who may make it. Returns
 * the account's tags, which what is made in it carries.
 */
export async function checkAccountProject(
  deps: AwsMlActionDeps,
  ctx: Ctx,
  accountId: string,
) {
  const org = await deps.clients.organizations();
  const tags = await readOrganizationTags(org, accountId);
  const project = tags[ACCOUNT_TAGS.project];
  if (project) {
    await deps.projects.checkProjectChange(
      await ctx.getInitiatorCredentials(),
      project,
    );
  }
  return tags;
}

/**
 * The project's account of a stage, from the suite's record; refuses unless
 * the project is recorded and the task's user may change it.
 */
export async function projectAccount(
  deps: AwsMlActionDeps,
  ctx: Ctx,
  project: string,
  stage: AccountStage,
) {
  const record = await deps.projects.checkProjectChange(
    await ctx.getInitiatorCredentials(),
    project,
  );
  const account = record.accounts.find(a => a.stage === stage);
  if (!account) {
    throw new InputError(
      `ML project ${project} has no ${stage} account (it has ${
        record.accounts.map(a => a.stage).join(', ') || 'none yet'
      }); pick one of its stages`,
    );
  }
  return account;
}

/**
 * Whether the task's user may change OUs and the root, which reach every
 * account below them, other teams' included (the permission framework
 * decides; the suite's default policy allows administrators).
 */
export async function mayChangeOrganization(
  deps: AwsMlActionDeps,
  ctx: Ctx,
): Promise<boolean> {
  const [decision] = await deps.permissions.authorize(
    [{ permission: mlOrganizationChangePermission }],
    { credentials: await ctx.getInitiatorCredentials() },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

/** Refuses, before any AWS change, a user who may not change `what`. */
export async function checkOrganizationChange(
  deps: AwsMlActionDeps,
  ctx: Ctx,
  what: string,
) {
  if (!(await mayChangeOrganization(deps, ctx))) {
    throw new NotAllowedError(
      `${what} reaches every account below it, other teams' included, and only administrators may make such changes (${mlOrganizationChangePermission.name}); ask your platform team, or use an ML project template, which leaves such changes for an administrator`,
    );
  }
}
