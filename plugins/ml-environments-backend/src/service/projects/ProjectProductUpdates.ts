import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ACCOUNT_TAGS,
  ProductCheckFinding,
  checkTemplate,
  mlProjectProductsUpdatePermission,
  partitionOf,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  ProvisioningStep,
  ensureProductUpdated,
  readArtifactTemplate,
  readProvisionedProductVersions,
  readScpChain,
} from '@mlgov/plugin-ml-environments-node';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';
import { ProjectRecords } from './ProjectRecords';

const described = (f: ProductCheckFinding) =>
  `${f.resource} (${f.action})${
    f.policy
      ? ` by ${f.policy}${f.statement ? ` statement ${f.statement}` : ''}`
      : ''
  }: ${f.reason}`;

/**
 * An administrator's update of a project's provisioned product to the
 * latest published version of its product: the new version's template is
 * judged against the account's SCPs first (as at launch), and the update
 * runs only when nothing is denied.
 */
export class ProjectProductUpdates {
  constructor(
    private readonly options: {
      access: ProjectAccess;
      store: Pick<ProjectStore, 'getProject'>;
      records: ProjectRecords;
      clients: MlAwsClients;
      /** Where the products are published (their templates are read there). */
      sharedServicesAccountId?: string;
      logger: LoggerService;
      /** How often and how long the update's record is polled. */
      pollIntervalMs?: number;
      timeoutMs?: number;
    },
  ) {}

  async update(
    credentials: BackstageCredentials,
    project: string,
    request: { accountId: string; product: string },
  ) {
    const { access, store, clients, logger } = this.options;
    const actor = await access.userOf(credentials);
    if (!(await access.allowed(credentials, mlProjectProductsUpdatePermission)))
      throw new NotAllowedError(
        `${actor.ref} may not update ML projects' products (${mlProjectProductsUpdatePermission.name})`,
      );
    const record = await store.getProject(project);
    if (!record) {
      throw new NotFoundError(
        `ML project ${project} is not in the suite's record`,
      );
    }
    const { accountId, product: name } = request;
    if (!record.accounts.some(a => a.accountId === accountId)) {
      throw new InputError(
        `Account ${accountId} is not one of ML project ${project}'s accounts (${record.accounts
          .map(a => `${a.stage}: ${a.accountId}`)
          .join(', ')})`,
      );
    }
    // A closed or suspended account (a retired project's) is not updated.
    await this.options.records.requireActive(
      project,
      [accountId],
      `Updating ${request.product}`,
    );
    const member = await clients.forAccount(accountId);
    const provisioned = await readProvisionedProductVersions(
      member.serviceCatalog,
      name,
    );
    if (!provisioned || provisioned.tags[ACCOUNT_TAGS.project] !== project) {
      throw new NotFoundError(
        `ML project ${project} has no provisioned product ${name} in account ${accountId}`,
      );
    }
    const { latest } = provisioned;
    if (!latest) {
      throw new ConflictError(
        `The product of ${name} has no active version in account ${accountId}`,
      );
    }
    const answer = {
      accountId,
      product: name,
      fromVersion: provisioned.running.name ?? provisioned.running.id,
      toVersion: latest.name ?? latest.id,
    };
    if (latest.id === provisioned.running.id) {
      return { ...answer, updated: false };
    }
    const { sharedServicesAccountId } = this.options;
    if (!sharedServicesAccountId) {
      throw new ServiceUnavailableError(
        'mlEnvironments.provisioning.serviceCatalog is not configured, so the suite cannot read the products it would update to; configure it',
      );
    }
    const { region, memberAccountRoleName } = clients.awsConfig;
    // CloudFormation acts as the LAUNCH constraint's role it launched as.
    const principalArn =
      provisioned.launchRoleArn ??
      `arn:${
        partitionOf(region).partition
      }:iam::${accountId}:role/${memberAccountRoleName}`;
    // Only the template as published is judged: a changed object is refused.
    const template = await readArtifactTemplate(
      await clients.forAccount(sharedServicesAccountId),
      provisioned.productId,
      latest.id,
      sharedServicesAccountId,
    ).catch((error: Error) => {
      throw new ConflictError(
        `Not updating ${name} in account ${accountId}: ${error.message}. Nothing was changed`,
      );
    });
    const chain = await readScpChain(await clients.organizations(), accountId);
    const result = checkTemplate(chain, template, {
      principalArn,
      stackTags: provisioned.tags,
    });
    for (const f of result.findings.filter(x => x.decision === 'unknown')) {
      logger.warn(`${name} in account ${accountId}: ${described(f)}`);
    }
    const denied = result.findings.filter(f => f.decision === 'denied');
    if (denied.length > 0) {
      throw new ConflictError(
        `Not updating ${name} in account ${accountId} to version ${
          answer.toVersion
        }: its service control policies would deny ${denied
          .map(described)
          .join(
            '; ',
          )}. Nothing was changed; ask your platform team to fix the product or the guardrail (or an exception for this account)`,
      );
    }
    const step: ProvisioningStep = {
      logger,
      isDryRun: false,
      checkpoint: (_key, fn) => fn(),
      pollIntervalMs: this.options.pollIntervalMs ?? 2_000,
      timeoutMs: this.options.timeoutMs ?? 30 * 60_000,
    };
    const updated = await ensureProductUpdated(
      member.serviceCatalog,
      {
        accountId,
        provisionedProductName: name,
        provisionedProductId: provisioned.id,
        provisioningArtifactId: latest.id,
      },
      step,
    ).catch((error: Error) => {
      // The record failed: CloudFormation rolled the update back.
      if (error.message.startsWith('Updating ')) {
        throw new ConflictError(error.message);
      }
      throw error;
    });
    await this.options.records.audit(actor.ref, project, 'product.update', {
      ...answer,
      recordId: updated.recordId,
    });
    return { ...answer, updated: updated.updated, recordId: updated.recordId };
  }
}
