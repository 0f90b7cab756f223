import { CreatePresignedDomainUrlCommand } from '@aws-sdk/client-sagemaker';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  ACCOUNT_TAGS,
  GuardrailBaseline,
  GuardrailParameters,
  ML_CRITICAL_CHECKS,
  ML_ENVIRONMENTS_TOPICS,
  OrganizationNode,
  OrganizationSnapshot,
  OrganizationView,
  ProjectLayout,
  MlProjectRecord,
  RequestContext,
  SnapshotAccount,
  SnapshotIndex,
  decideForAccount,
  evaluateAccountGuardrails,
  evaluateOuGuardrails,
  worstState,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readOrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../database/MlEnvironmentsStore';
import { ProjectStore } from '../database/ProjectStore';

/** How long a presigned Studio URL may be used; AWS allows at most 300 s. */
export const STUDIO_URL_EXPIRES_IN_SECONDS = 300;

type RequestedRefresh = { takenAt: string } | { retryAfterSeconds: number };

/**
 * Everything the routes answer: reads the latest snapshot and evaluates it;
 * refreshes it from AWS.
 */
/** Control Tower's hold on an account, read from its OU, when the snapshot knows it. */
function governanceOf(index: SnapshotIndex, account: SnapshotAccount) {
  const controlTower = index.ou(account.parentId)?.controlTower;
  return controlTower
    ? {
        controlTower: {
          ouRegistered: controlTower.registered,
          enrolmentPending: controlTower.unenrolledAccounts,
        },
      }
    : {};
}

export class StatusService {
  constructor(
    private readonly options: {
      store: MlEnvironmentsStore;
      clients: Pick<
        MlAwsClients,
        | 'organizations'
        | 'controlTower'
        | 'managementConfig'
        | 'forAccount'
        | 'awsConfig'
      >;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      logger: LoggerService;
      events: Pick<EventsService, 'publish'>;
      /** Runs on each new snapshot before it is announced. */
      afterRefresh?: () => Promise<void>;
      /** Shortest time between two refreshes that users ask for, across replicas. */
      refreshLease?: {
        store: Pick<ProjectStore, 'tryStartRefresh'>;
        minIntervalMs: number;
      };
    },
  ) {}

  private running?: Promise<{ takenAt: string }>;

  /** Refreshes now; a call while a refresh runs joins it instead of starting another. */
  async refresh(): Promise<{ takenAt: string }> {
    this.running ??= this.readAndSave().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * A refresh a user asked for: joins the running one, or starts one if no
   * replica started one within the minimum interval.
   */
  async requestRefresh(): Promise<RequestedRefresh> {
    this.requested ??= this.startRequestedRefresh().finally(() => {
      this.requested = undefined;
    });
    return this.requested;
  }

  private requested?: Promise<RequestedRefresh>;

  private async startRequestedRefresh(): Promise<RequestedRefresh> {
    if (this.running) return this.running;
    const lease = this.options.refreshLease;
    if (lease) {
      const taken = await lease.store.tryStartRefresh(
        new Date(),
        lease.minIntervalMs,
      );
      if (!taken.started) {
        return { retryAfterSeconds: Math.ceil(taken.retryAfterMs / 1000) };
      }
    }
    return this.refresh();
  }

  /** The last refresh that failed outright, for an honest 503 before any snapshot. */
  private lastFailure?: { at: string; message: string };

  private async readAndSave() {
    const started = Date.now();
    let snapshot: OrganizationSnapshot;
    try {
      snapshot = await readOrganizationSnapshot(
        this.options.clients,
        await this.options.store.latestSnapshot(),
      );
    } catch (error) {
      const { name, message } = error as Error;
      this.lastFailure = {
        at: new Date().toISOString(),
        message: `${name}: ${message}`,
      };
      throw new ServiceUnavailableError(
        `Reading the AWS organization failed (${name}: ${message}); the previous snapshot, if any, still answers`,
      );
    }
    this.lastFailure = undefined;
    for (const stale of snapshot.stale ?? []) {
      this.options.logger.warn(
        `Snapshot section ${stale.section} kept from ${stale.since}: ${stale.reason}`,
      );
    }
    await this.options.store.saveSnapshot(snapshot);
    await this.options.afterRefresh?.();
    this.options.logger.info(
      `Refreshed the organization snapshot in ${Date.now() - started} ms: ${
        snapshot.accounts.length
      } accounts, ${snapshot.ous.length} OUs, ${snapshot.policies.length} SCPs`,
    );
    await this.options.events.publish({
      topic: ML_ENVIRONMENTS_TOPICS.snapshotRefreshed,
      eventPayload: { takenAt: snapshot.takenAt },
    });
    return { takenAt: snapshot.takenAt };
  }

  /**
   * The latest snapshot, parsed once per snapshot and kept with the views
   * built from it; a new snapshot (from any replica) replaces it.
   */
  private readModel?: {
    id: number;
    snapshot: OrganizationSnapshot;
    organizationViews: Map<string, OrganizationView>;
  };

  private async snapshot(): Promise<OrganizationSnapshot> {
    const id = await this.options.store.latestSnapshotId();
    if (id !== undefined && this.readModel?.id === id) {
      return this.readModel.snapshot;
    }
    const snapshot = await this.options.store.latestSnapshot();
    if (snapshot && id !== undefined) {
      this.readModel = { id, snapshot, organizationViews: new Map() };
    }
    if (!snapshot) {
      throw new ServiceUnavailableError(
        this.lastFailure
          ? `No snapshot of the organization yet: the refresh at ${this.lastFailure.at} failed (${this.lastFailure.message}); the next scheduled refresh tries again`
          : 'No snapshot of the organization yet; the first refresh is still running',
      );
    }
    return snapshot;
  }

  private accountStatus(index: SnapshotIndex, accountId: string) {
    return evaluateAccountGuardrails(
      index,
      accountId,
      this.options.baseline,
      this.options.parameters,
    )!;
  }

  /**
   * The organization view. `recordedOwners` (the suite's record) names each
   * recorded project's owner; only unrecorded projects show their owner tag.
   */
  async organization(
    recordedOwners: Map<string, string> = new Map(),
  ): Promise<OrganizationView> {
    const snapshot = await this.snapshot();
    const views =
      this.readModel?.snapshot === snapshot
        ? this.readModel.organizationViews
        : new Map<string, OrganizationView>();
    const key = JSON.stringify([...recordedOwners].sort());
    let view = views.get(key);
    if (!view) {
      view = this.buildOrganizationView(snapshot, recordedOwners);
      // The record changes seldom: the latest few owner sets are enough.
      if (views.size >= 4) views.delete(views.keys().next().value!);
      views.set(key, view);
    }
    return view;
  }

  private buildOrganizationView(
    snapshot: OrganizationSnapshot,
    recordedOwners: Map<string, string>,
  ): OrganizationView {
    const ouStatus = new Map(
      evaluateOuGuardrails(
        snapshot,
        this.options.baseline,
        this.options.parameters,
      ).map(t => [t.targetId, t]),
    );
    const index = new SnapshotIndex(snapshot);
    const accounts = snapshot.accounts.map(account => {
      const status = this.accountStatus(index, account.id);
      return {
        id: account.id,
        name: account.name,
        parentId: account.parentId,
        ouPath: index.ou(account.parentId)?.path ?? '',
        owner:
          recordedOwners.get(account.tags[ACCOUNT_TAGS.project]) ??
          account.tags[ACCOUNT_TAGS.owner],
        project: account.tags[ACCOUNT_TAGS.project],
        pattern: account.tags[ACCOUNT_TAGS.pattern],
        stage: account.tags[ACCOUNT_TAGS.stage],
        state: status.state,
        status: account.status,
        managed: recordedOwners.has(account.tags[ACCOUNT_TAGS.project]),
      };
    });
    const node = (id: string, name: string, path: string): OrganizationNode => {
      const children = snapshot.ous
        .filter(o => o.parentId === id)
        .map(o => node(o.id, o.name, o.path));
      const controlTower = index.ou(id)?.controlTower;
      const own = accounts.filter(a => a.parentId === id);
      return {
        id,
        name,
        path,
        state: worstState([
          ouStatus.get(id)?.state ?? 'ok',
          ...own.map(a => a.state),
          ...children.map(c => c.state),
        ]),
        guardrails: ouStatus.get(id)?.guardrails ?? [],
        ...(controlTower ? { controlTower } : {}),
        accounts: own,
        children,
      };
    };
    return {
      takenAt: snapshot.takenAt,
      stale: snapshot.stale,
      organizationId: snapshot.organizationId,
      landingZone: snapshot.landingZone,
      root: node(snapshot.rootId, 'Root', ''),
    };
  }

  /**
   * The project's layout. A recorded project's accounts are the record's
   * (tags can be set by others); an unrecorded one is known only by its tags.
   */
  async project(
    project: string,
    recordedAccounts?: MlProjectRecord['accounts'],
  ): Promise<ProjectLayout> {
    const snapshot = await this.snapshot();
    const index = new SnapshotIndex(snapshot);
    const accounts = recordedAccounts?.length
      ? snapshot.accounts.filter(a =>
          recordedAccounts.some(r => r.accountId === a.id),
        )
      : snapshot.accounts.filter(a => a.tags[ACCOUNT_TAGS.project] === project);
    if (accounts.length === 0) {
      throw new NotFoundError(
        recordedAccounts?.length
          ? `None of ${project}'s recorded accounts is in the organization snapshot yet; refresh the snapshot`
          : `No AWS account is tagged ${ACCOUNT_TAGS.project}=${project}`,
      );
    }
    const stageOf = (account: SnapshotAccount) =>
      recordedAccounts?.find(r => r.accountId === account.id)?.stage ??
      account.tags[ACCOUNT_TAGS.stage];
    return {
      project,
      takenAt: snapshot.takenAt,
      stale: snapshot.stale,
      pattern: accounts[0].tags[ACCOUNT_TAGS.pattern],
      landingZone: snapshot.landingZone,
      accounts: accounts.map(account => {
        const status = this.accountStatus(index, account.id);
        return {
          id: account.id,
          name: account.name,
          stage: stageOf(account),
          ouPath: index.ou(account.parentId)?.path ?? '',
          ...governanceOf(index, account),
          expectedOuPath: index.expectedOuPath(account),
          state: status.state,
          guardrails: status.guardrails,
          effectivePermissions: decideForAccount(
            snapshot,
            account.id,
            ML_CRITICAL_CHECKS,
            this.options.clients.awsConfig.region,
          ).map((decision, i) => ({
            check: ML_CRITICAL_CHECKS[i].id,
            label: ML_CRITICAL_CHECKS[i].label,
            ...decision,
          })),
        };
      }),
      products: snapshot.products
        .filter(p => accounts.some(a => a.id === p.accountId))
        .map(({ accountId, name, status }) => ({ accountId, name, status })),
    };
  }

  async target(id: string) {
    const snapshot = await this.snapshot();
    if (snapshot.accounts.some(a => a.id === id)) {
      const status = this.accountStatus(new SnapshotIndex(snapshot), id);
      return {
        ...status,
        kind: 'account' as const,
        effectivePermissions: decideForAccount(
          snapshot,
          id,
          ML_CRITICAL_CHECKS,
          this.options.clients.awsConfig.region,
        ).map((d, i) => ({
          check: ML_CRITICAL_CHECKS[i].id,
          label: ML_CRITICAL_CHECKS[i].label,
          ...d,
        })),
      };
    }
    const ou = evaluateOuGuardrails(
      snapshot,
      this.options.baseline,
      this.options.parameters,
    ).find(t => t.targetId === id);
    if (ou) return { ...ou, kind: 'ou' as const };
    if (snapshot.ous.some(o => o.id === id) || id === snapshot.rootId) {
      return {
        targetId: id,
        label: new SnapshotIndex(snapshot).labelOf(id),
        kind: 'ou' as const,
        guardrails: [],
        state: 'ok' as const,
      };
    }
    throw new NotFoundError(`No OU or account ${id} in the organization`);
  }

  async evaluate(
    accountId: string,
    actions: string[],
    context: RequestContext = {},
    resource = '*',
  ) {
    const snapshot = await this.snapshot();
    if (!snapshot.accounts.some(a => a.id === accountId)) {
      throw new NotFoundError(`No account ${accountId} in the organization`);
    }
    return decideForAccount(
      snapshot,
      accountId,
      actions.map(action => ({ action, resource, context })),
      this.options.clients.awsConfig.region,
    );
  }

  /**
   * A presigned URL for the user's own Studio profile in the project's dev
   * account. The profile is named after the user, never taken from the
   * request; the dev account is the record's, never found by tags others set.
   */
  async studioUrl(
    project: string,
    userProfileName: string,
    devAccountId: string | undefined,
  ) {
    const snapshot = await this.snapshot();
    const dev = snapshot.accounts.find(a => a.id === devAccountId);
    const domainId = snapshot.products.find(
      p => p.accountId === dev?.id && p.outputs.DomainId,
    )?.outputs.DomainId;
    if (!dev || !domainId) {
      throw new NotFoundError(
        `Project ${project} has no SageMaker Studio domain in a dev account`,
      );
    }
    const { sageMaker } = await this.options.clients.forAccount(dev.id);
    try {
      const { AuthorizedUrl } = await sageMaker.send(
        new CreatePresignedDomainUrlCommand({
          DomainId: domainId,
          UserProfileName: userProfileName,
          ExpiresInSeconds: STUDIO_URL_EXPIRES_IN_SECONDS,
          SessionExpirationDurationInSeconds: 1800,
        }),
      );
      return {
        url: AuthorizedUrl!,
        expiresInSeconds: STUDIO_URL_EXPIRES_IN_SECONDS,
      };
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFound') {
        throw new NotFoundError(
          `You have no SageMaker Studio user profile '${userProfileName}' in ${project}'s domain; ask the project's owners to create one`,
        );
      }
      throw error;
    }
  }
}
