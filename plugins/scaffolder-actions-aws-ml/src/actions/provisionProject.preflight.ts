import { LoggerService } from '@backstage/backend-plugin-api';
import {
  OrganizationsClient,
  PolicySummary,
} from '@aws-sdk/client-organizations';
import {
  ACCOUNT_TAGS,
  ProvisioningPlan,
  managementActionsFor,
  suiteActionsFor,
} from '@mlgov/plugin-ml-environments-common';
import {
  checkScpQuota,
  ControlTowerRestClient,
  getRootId,
  managementPermissionProblems,
  listDirectScps,
  MlProvisioningConfig,
  OuResolver,
  readAnyBudget,
  readOrganizationTags,
  sameGroupRef,
  validateScpContent,
} from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps } from './deps';
import {
  serviceCatalogProblems,
  sharingProblems,
} from './provisionProject.preflightCatalog';
import { productPlanProblems } from './productLaunch';
import { targetKey } from './provisionProject.execute';

/** Control Tower must have a landing zone, not drifting, in the Region. */
async function controlTowerProblems(
  controlTower: ControlTowerRestClient,
): Promise<string[]> {
  const landingZoneArn = await controlTower.findLandingZone();
  if (!landingZoneArn) {
    return [
      'AWS Control Tower has no landing zone in this Region (ListLandingZones is empty): set up Control Tower, or point mlEnvironments.aws.region at its home Region',
    ];
  }
  const landingZone = await controlTower.getLandingZone(landingZoneArn);
  if (landingZone.driftStatus?.status === 'DRIFTED') {
    return [
      `The Control Tower landing zone ${landingZone.arn} has drifted: repair it in the Control Tower console first`,
    ];
  }
  return [];
}

/**
 * Why an existing account with the planned email may not be reused (and so
 * retagged) for this project, if so. It may only when it is the one the
 * record holds for the stage, or, with none recorded, carries the project's
 * identity as the suite set it: project, stage and owner tags.
 */
async function reuseProblem(
  org: Awaited<ReturnType<AwsMlActionDeps['clients']['organizations']>>,
  account: ProvisioningPlan['accounts'][number],
  existing: { Id?: string; Name?: string } | undefined,
  recordedId: string | undefined,
): Promise<string | undefined> {
  const project = account.tags[ACCOUNT_TAGS.project];
  if (!existing) return undefined;
  const which = `Email ${account.email} already belongs to account ${existing.Id} (${existing.Name})`;
  if (recordedId) {
    return recordedId === existing.Id
      ? undefined
      : `${which}, but the suite's record holds ${recordedId} as ${project}'s ${account.stage} account; choose another account email template`;
  }
  const tags = await readOrganizationTags(org, existing.Id!);
  if (
    tags[ACCOUNT_TAGS.project] !== project ||
    tags[ACCOUNT_TAGS.stage] !== account.stage
  ) {
    return `${which}, which is not the ${account.stage} account of ${project}; choose another account email template`;
  }
  const owner = tags[ACCOUNT_TAGS.owner];
  const wanted = account.tags[ACCOUNT_TAGS.owner];
  if (!sameGroupRef(owner ?? '', wanted ?? '')) {
    return `${which}, tagged as ${project}'s ${
      account.stage
    } account but owned by ${
      owner ?? 'nobody'
    }, not ${wanted}; it is not reused or retagged: ask an administrator to adopt or transfer the project`;
  }
  return undefined;
}

/** The SCPs attached directly to each policy target, read once by pre-flight. */
export type AttachedByTarget = Map<string, string[]>;

/** Everything that would make the provisioning fail, found before any change. */
export async function preflight(
  plan: ProvisioningPlan,
  clients: AwsMlActionDeps['clients'],
  provisioning: MlProvisioningConfig,
  logger: LoggerService,
  /** The planned accounts found this run (see findPlannedAccounts). */
  byEmail: Map<string, { Id?: string; Name?: string }>,
  /** The accounts the suite's record holds for the project, if any. */
  recorded: Array<{ stage: string; accountId: string }> = [],
  /** The run's OU look-ups; the SCPs found attached are noted in `attached`. */
  known: {
    /** The run's Organizations client (its root id read once). */
    org?: OrganizationsClient;
    ous?: OuResolver;
    attached?: AttachedByTarget;
    /** Told of the SCPs found attached to each target (with their ids). */
    onAttached?: (policies: PolicySummary[]) => void;
  } = {},
): Promise<string[]> {
  const org = known.org ?? (await clients.organizations());
  const controlTower = await clients.controlTower();
  const ous = known.ous ?? new OuResolver(org);
  const problems = (
    await Promise.all(
      plan.policies.map(p => validateScpContent(p.name, p.content)),
    )
  ).flat();

  for (const account of plan.accounts) {
    const problem = await reuseProblem(
      org,
      account,
      byEmail.get(account.email.toLowerCase()),
      recorded.find(r => r.stage === account.stage)?.accountId,
    );
    if (problem) problems.push(problem);
  }

  const namesByTarget = new Map<string, string[]>();
  for (const policy of plan.policies) {
    for (const target of policy.targets) {
      const key = targetKey(target);
      namesByTarget.set(key, [...(namesByTarget.get(key) ?? []), policy.name]);
    }
  }
  // Targets side by side: their look-ups share parents through `ous`.
  const quotaProblems = await Promise.all(
    [...namesByTarget].map(async ([key, names]) => {
      const id =
        key === 'root' ? await getRootId(org) : (await ous.find(key))?.Id;
      if (id) {
        const attached = await listDirectScps(org, id);
        known.onAttached?.(attached);
        known.attached?.set(
          key,
          attached.map(p => p.Name!),
        );
        const label = key === 'root' ? 'The root' : `OU ${key}`;
        return checkScpQuota(
          org,
          { id, label },
          names,
          provisioning.scpQuota,
          attached,
        );
      } else if (names.length + 1 > provisioning.scpQuota) {
        // A new OU starts with FullAWSAccess only.
        return `OU ${key} would need ${
          names.length + 1
        } SCPs, over the quota of ${provisioning.scpQuota}`;
      }
      return undefined;
    }),
  );
  problems.push(...quotaProblems.filter((p): p is string => Boolean(p)));

  problems.push(...(await controlTowerProblems(controlTower)));
  problems.push(...(await permissionProblems(plan, clients, logger)));
  if (plan.budget) problems.push(...(await budgetsProblems(clients)));

  if (plan.products.length > 0 && !provisioning.serviceCatalog) {
    problems.push(
      'This pattern provisions Service Catalog products, but mlEnvironments.serviceCatalog is not configured',
    );
  } else if (plan.products.length > 0 && provisioning.serviceCatalog) {
    problems.push(
      ...productPlanProblems(plan, provisioning.network),
      ...(await serviceCatalogProblems(
        plan,
        clients,
        provisioning.serviceCatalog,
      )),
      ...(await sharingProblems(clients, provisioning.serviceCatalog)),
    );
  }
  return problems;
}

/**
 * The actions the plan needs from the management account, and those the
 * project's status reads need right after, as IAM's policy simulator
 * decides them.
 */
async function permissionProblems(
  plan: ProvisioningPlan,
  clients: AwsMlActionDeps['clients'],
  logger: LoggerService,
): Promise<string[]> {
  const actions = new Set([
    ...managementActionsFor(plan),
    ...suiteActionsFor('management', 'status'),
  ]);
  return managementPermissionProblems(
    clients,
    [...actions].sort(),
    'this plan',
    logger,
  );
}

/** The sandbox's spending limit needs AWS Budgets. */
async function budgetsProblems(
  clients: AwsMlActionDeps['clients'],
): Promise<string[]> {
  try {
    const { accountId } = await clients.managementIdentity();
    await readAnyBudget(await clients.managementBudgets(), accountId);
    return [];
  } catch (error) {
    return [
      `AWS Budgets, which sets the sandbox's spending limit, cannot be used: ${
        (error as Error).message
      }; check mlEnvironments.aws.endpoint and that the management account may call budgets:ViewBudget`,
    ];
  }
}
