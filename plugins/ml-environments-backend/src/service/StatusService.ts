import { randomUUID } from 'node:crypto';
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
  RefreshProgress,
  RequestContext,
  SNAPSHOT_SECTIONS,
  SnapshotAccount,
  SnapshotChange,
  applySnapshotPatch,
  changesFromAwsEvent,
  snapshotChangeKey,
  SnapshotIndex,
  decideForAccount,
  evaluateAccountGuardrails,
  evaluateOuGuardrails,
  worstState,
} from '@mlgov/plugin-ml-environments-common';
import {
  SnapshotClients,
  readOrganizationSnapshot,
  readSnapshotChanges,
} from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../database/MlEnvironmentsStore';
import { ProjectStore } from '../database/ProjectStore';

/** How long a presigned Studio URL may be used; AWS allows at most 300 s. */
export const STUDIO_URL_EXPIRES_IN_SECONDS = 300;

/** How AWS events are applied unless configured (mlEnvironments.status.awsEvents). */
export const DEFAULT_AWS_EVENTS = { batchMs: 250, followUpMs: 10_000 };

type RequestedRefresh = { refreshId: string } | { retryAfterSeconds: number };

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
      clients: SnapshotClients;
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
      /** How AWS events are applied; see `applyAwsEvent`. */
      awsEvents?: {
        /** Events arriving within this time are read together. */
        batchMs: number;
        /** When to read again a change whose AWS operation still runs. */
        followUpMs: number;
      };
    },
  ) {}

  private get awsEvents() {
    return this.options.awsEvents ?? DEFAULT_AWS_EVENTS;
  }

  private running?: Promise<{ takenAt: string }>;
  private runningId?: string;

  /** Refreshes now; a call while a refresh runs joins it instead of starting another. */
  async refresh(): Promise<{ takenAt: string }> {
    if (!this.running) {
      const id = randomUUID();
      this.runningId = id;
      this.running = this.readAndSave(id).finally(() => {
        this.running = undefined;
        this.runningId = undefined;
      });
    }
    return this.running;
  }

  async refreshProgress(id: string): Promise<RefreshProgress> {
    const progress = await this.options.store.refreshProgress(id);
    if (!progress) throw new NotFoundError(`No refresh ${id}`);
    return progress;
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
    if (this.runningId) return { refreshId: this.runningId };
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
    // Answered at once; the refresh's progress is read by its id.
    this.refresh().catch(() => undefined);
    return { refreshId: this.runningId! };
  }

  /** The last refresh that failed outright, for an honest 503 before any snapshot. */
  private lastFailure?: { at: string; message: string };

  private async readAndSave(id: string) {
    const started = Date.now();
    const startedAt = new Date(started).toISOString();
    const progress: RefreshProgress = {
      id,
      state: 'running',
      startedAt,
      loading: [...SNAPSHOT_SECTIONS],
    };
    const { store } = this.options;
    await store.saveRefreshProgress(progress);
    let snapshot: OrganizationSnapshot;
    try {
      const previous = await store.latestSnapshot();
      snapshot = await readOrganizationSnapshot(
        this.options.clients,
        previous,
        {
          accountsFirst: !previous,
          onStage: async partial => {
            progress.loading = partial.loading ?? [];
            await store.saveRefreshProgress(progress);
            // A first read is published stage by stage: the accounts show
            // long before the products of hundreds of accounts are read.
            if (!previous) {
              await store.saveSnapshot(partial);
              await this.announce(partial);
            }
          },
        },
      );
    } catch (error) {
      const { name, message } = error as Error;
      this.lastFailure = {
        at: new Date().toISOString(),
        message: `${name}: ${message}`,
      };
      await store.saveRefreshProgress({
        ...progress,
        state: 'failed',
        finishedAt: this.lastFailure.at,
        error: this.lastFailure.message,
      });
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
    await store.saveSnapshot(snapshot);
    await store.saveRefreshProgress({
      ...progress,
      state: 'succeeded',
      loading: [],
      finishedAt: new Date().toISOString(),
      takenAt: snapshot.takenAt,
    });
    await this.options.afterRefresh?.();
    this.options.logger.info(
      `Refreshed the organization snapshot in ${Date.now() - started} ms: ${
        snapshot.accounts.length
      } accounts, ${snapshot.ous.length} OUs, ${snapshot.policies.length} SCPs`,
    );
    // The full read may have read a part before an event changed it: read
    // those parts again on top of it.
    for (const { at, change } of this.appliedChanges) {
      if (at >= startedAt) this.queueChange(change);
    }
    this.appliedChanges = [];
    await this.announce(snapshot);
    return { takenAt: snapshot.takenAt };
  }

  private async announce(snapshot: OrganizationSnapshot) {
    await this.options.events.publish({
      topic: ML_ENVIRONMENTS_TOPICS.snapshotRefreshed,
      eventPayload: { takenAt: snapshot.takenAt },
    });
  }

  private pendingChanges = new Map<string, SnapshotChange>();
  private appliedChanges: Array<{ at: string; change: SnapshotChange }> = [];
  private failedAttempts = new Map<string, number>();
  private flushTimer?: ReturnType<typeof setTimeout>;
  private flushDueAt = 0;
  private flushing?: Promise<void>;

  /**
   * An event from the organization's EventBridge rule (CloudTrail calls,
   * service events, Config compliance changes): the parts it changed are
   * read again and patched into the latest snapshot, instead of a full read.
   */
  applyAwsEvent(event: unknown): void {
    for (const change of changesFromAwsEvent(event)) this.queueChange(change);
  }

  private queueChange(
    change: SnapshotChange,
    delayMs = this.awsEvents.batchMs,
  ) {
    this.pendingChanges.set(snapshotChangeKey(change), change);
    // A new event is not held back by a later follow-up: the sooner wins.
    const dueAt = Date.now() + delayMs;
    if (this.flushTimer && dueAt >= this.flushDueAt) return;
    clearTimeout(this.flushTimer);
    this.flushDueAt = dueAt;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushing = (this.flushing ?? Promise.resolve())
        .then(() => this.flushChanges())
        .finally(() => {
          if (!this.flushTimer && this.pendingChanges.size === 0) {
            this.flushing = undefined;
          }
        });
    }, delayMs);
  }

  /** Resolves once every queued change is applied (for tests and benchmarks). */
  async changesApplied(): Promise<void> {
    while (this.flushTimer || this.flushing || this.pendingChanges.size) {
      await (this.flushing ??
        new Promise(resolve => setTimeout(resolve, this.awsEvents.batchMs)));
    }
  }

  private async flushChanges() {
    // A full read in progress would overwrite the patch: apply after it.
    await this.running?.catch(() => undefined);
    const changes = [...this.pendingChanges.values()];
    this.pendingChanges.clear();
    if (changes.length === 0) return;
    try {
      const saved = await this.patchLatest(changes);
      if (!saved) return;
      for (const change of changes) {
        this.failedAttempts.delete(snapshotChangeKey(change));
      }
      for (const change of saved.unsettled) {
        this.queueChange(change, this.awsEvents.followUpMs);
      }
      await this.announce(saved.snapshot);
    } catch (error) {
      for (const change of changes) {
        const key = snapshotChangeKey(change);
        const attempts = (this.failedAttempts.get(key) ?? 0) + 1;
        this.failedAttempts.set(key, attempts);
        if (attempts < 5) {
          this.queueChange(change, this.awsEvents.followUpMs * attempts);
        } else {
          this.failedAttempts.delete(key);
          this.options.logger.warn(
            `Gave up reading ${key} after an AWS event; the next full refresh reconciles it`,
          );
        }
      }
      this.options.logger.warn(
        `Applying AWS events failed (${(error as Error).message}); retrying`,
      );
    }
  }

  /** Reads the changed parts and saves the patched snapshot as the latest. */
  private async patchLatest(changes: SnapshotChange[]) {
    // No snapshot yet: the first full read will see these changes.
    let base = await this.latest();
    if (!base) return undefined;
    const patch = await readSnapshotChanges(
      this.options.clients,
      base.snapshot,
      changes,
    );
    // Another replica may save in between: patch its snapshot instead.
    for (let attempt = 0; attempt < 5; attempt++) {
      const snapshot = applySnapshotPatch(base.snapshot, patch);
      if (
        await this.options.store.saveSnapshot(snapshot, { basedOn: base.id })
      ) {
        const at = new Date().toISOString();
        if (this.running) {
          this.appliedChanges.push(...changes.map(change => ({ at, change })));
        }
        this.options.logger.info(
          `Applied ${changes.length} change(s) from AWS events: ${changes
            .map(snapshotChangeKey)
            .join(', ')}`,
        );
        return { snapshot, unsettled: patch.unsettled };
      }
      base = await this.latest();
      if (!base) return undefined;
    }
    throw new Error('the snapshot kept changing under the patch');
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

  /** The latest snapshot with its id, from the read model when it is current. */
  private async latest(): Promise<
    { id: number; snapshot: OrganizationSnapshot } | undefined
  > {
    const id = await this.options.store.latestSnapshotId();
    if (id === undefined) return undefined;
    if (this.readModel?.id !== id) {
      const snapshot = await this.options.store.latestSnapshot();
      if (!snapshot) return undefined;
      this.readModel = { id, snapshot, organizationViews: new Map() };
    }
    return this.readModel;
  }

  private async snapshot(): Promise<OrganizationSnapshot> {
    const snapshot = (await this.latest())?.snapshot;
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
      reconciledAt: snapshot.reconciledAt,
      stale: snapshot.stale,
      loading: snapshot.loading,
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
      reconciledAt: snapshot.reconciledAt,
      stale: snapshot.stale,
      loading: snapshot.loading,
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
