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
  AccountStage,
  MlProjectRecord,
  isAccountPatternId,
  mlProjectAdoptPermission,
  validateGroupRef,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';
import { ProjectRecords, normalizeGroupRef } from './ProjectRecords';

/** How long a caller waits before asking again while the first read runs. */
export const NOT_READY_RETRY_SECONDS = 30;

/**
 * Projects that exist in AWS (by their tags) but not in the record, taken
 * into it by an administrator or the platform team's configuration; and the
 * gate that keeps every claim, adoption and transfer closed until a complete
 * snapshot and those configured adoptions are in.
 */
export class ProjectAdoption {
  constructor(
    private readonly options: {
      store: ProjectStore;
      access: ProjectAccess;
      records: ProjectRecords;
      snapshots: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
      /** mlEnvironments.projects.adopt: applied before any claim is decided. */
      adoptions: Array<{ project: string; owner: string }>;
      logger: LoggerService;
    },
  ) {}

  /**
   * Fails closed: until a complete snapshot exists (the name check needs
   * every account's tags) and the configured adoptions are applied, no
   * claim, adoption or transfer is decided. Any replica can apply them, so
   * this does it itself (idempotent) rather than wait for the one that read.
   */
  async ready() {
    const snapshot = await this.options.snapshots.latestSnapshot();
    if (!snapshot || (snapshot.loading?.length ?? 0) > 0) {
      throw new ServiceUnavailableError(
        `The suite has not finished its first read of the AWS organization, so it cannot yet tell whether a name or an account is taken; try again in ${NOT_READY_RETRY_SECONDS} s`,
      );
    }
    await this.adoptFromConfig(this.options.adoptions);
  }

  /**
   * Applies the configured adoptions after a full read: they need a
   * snapshot's tags to know the accounts.
   */
  async applyConfigured() {
    const adopted = await this.adoptFromConfig(this.options.adoptions);
    if (adopted.length > 0) {
      this.options.logger.info(
        `Adopted ML projects from mlEnvironments.projects.adopt: ${adopted.join(
          ', ',
        )}`,
      );
    }
  }

  /** Takes a project that exists in AWS (by tags) but not in the record. */
  async adopt(
    credentials: BackstageCredentials,
    project: string,
    ownerRef: string,
  ) {
    const actor = await this.options.access.userOf(credentials);
    if (
      !(await this.options.access.allowed(
        credentials,
        mlProjectAdoptPermission,
      ))
    ) {
      throw new NotAllowedError(
        `${actor.ref} may not adopt ML projects (${mlProjectAdoptPermission.name})`,
      );
    }
    const ownerProblem = validateGroupRef(ownerRef);
    if (ownerProblem) throw new InputError(ownerProblem);
    const owner = normalizeGroupRef(ownerRef);
    await this.options.access.requireGroup(owner);
    await this.ready();
    const record = await this.adoptionRecord(project, owner, actor.ref);
    if (!(await this.options.store.insertProject(record))) {
      throw new ConflictError(
        `ML project ${project} is already in the suite's record`,
      );
    }
    await this.options.records.audit(actor.ref, project, 'adopt', {
      owner,
      pattern: record.pattern,
      accounts: record.accounts,
    });
    return record;
  }

  /**
   * Adopts projects listed in configuration (written by the platform team),
   * once: a project already recorded is left as it is.
   */
  async adoptFromConfig(
    entries: Array<{ project: string; owner: string }>,
  ): Promise<string[]> {
    const adopted: string[] = [];
    for (const { project, owner } of entries) {
      if (await this.options.store.getProject(project)) continue;
      const record = await this.adoptionRecord(
        project,
        normalizeGroupRef(owner),
        'config:mlEnvironments.projects.adopt',
      ).catch(() => undefined);
      if (record && (await this.options.store.insertProject(record))) {
        await this.options.records.audit(record.createdBy, project, 'adopt', {
          owner: record.owner,
          pattern: record.pattern,
          accounts: record.accounts,
        });
        adopted.push(project);
      }
    }
    return adopted;
  }

  private async adoptionRecord(
    project: string,
    owner: string,
    by: string,
  ): Promise<MlProjectRecord> {
    const tagged = await this.options.records.taggedAccounts(project);
    if (!tagged?.length) {
      throw new NotFoundError(
        `No AWS account is tagged ${ACCOUNT_TAGS.project}=${project} in the latest snapshot; there is nothing to adopt`,
      );
    }
    const patterns = [
      ...new Set(tagged.map(a => a.tags[ACCOUNT_TAGS.pattern])),
    ];
    const pattern = patterns[0];
    if (patterns.length !== 1 || !isAccountPatternId(pattern)) {
      throw new ConflictError(
        `The accounts of ${project} carry ${
          ACCOUNT_TAGS.pattern
        } tags ${patterns.join(', ')}; fix them to one pattern before adopting`,
      );
    }
    const now = new Date().toISOString();
    return {
      project,
      pattern,
      owner,
      accounts: tagged.map(a => ({
        stage: a.tags[ACCOUNT_TAGS.stage] as AccountStage,
        accountId: a.id,
      })),
      origin: 'adopted',
      createdBy: by,
      createdAt: now,
      updatedAt: now,
    };
  }
}
