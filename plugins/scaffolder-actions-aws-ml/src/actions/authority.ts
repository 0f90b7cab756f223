import { ListTagsForResourceCommand } from '@aws-sdk/client-organizations';
import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  ACCOUNT_TAGS,
  AccountPatternId,
  MlProjectRecord,
  isAccountPatternId,
} from '@mlgov/plugin-ml-environments-common';
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
 * For single-step actions: when tags tie a change to an ML project, the
 * project must be in the suite's record and the task's user allowed to
 * provision it, with the recorded pattern and owner.
 */
export async function checkProjectTags(
  deps: AwsMlActionDeps,
  ctx: Ctx,
  tags: Record<string, string | undefined>,
  what: string,
) {
  const project = tags[ACCOUNT_TAGS.project];
  if (!project) return;
  const pattern = tags[ACCOUNT_TAGS.pattern];
  const owner = tags[ACCOUNT_TAGS.owner];
  if (!isAccountPatternId(pattern) || !owner) {
    throw new InputError(
      `${what} belongs to ML project ${project} but its tags lack a valid ${ACCOUNT_TAGS.pattern} or ${ACCOUNT_TAGS.owner}; change project accounts with aws:ml:provisionProject`,
    );
  }
  const record = await deps.projects.claimProvisioning(
    await ctx.getInitiatorCredentials(),
    project,
    { pattern, owner, taskId: ctx.task.id, dryRun: true },
  );
  if (!record) {
    throw new InputError(
      `ML project ${project} is not in the suite's record; start it with aws:ml:provisionProject, which records it`,
    );
  }
}

/** The account's own tags decide which project a change to it touches. */
export async function checkAccountProject(
  deps: AwsMlActionDeps,
  ctx: Ctx,
  accountId: string,
) {
  const org = await deps.clients.organizations();
  const { Tags = [] } = await org.send(
    new ListTagsForResourceCommand({ ResourceId: accountId }),
  );
  await checkProjectTags(
    deps,
    ctx,
    Object.fromEntries(Tags.map(t => [t.Key!, t.Value])),
    `Account ${accountId}`,
  );
}
