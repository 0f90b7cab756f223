import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ACCOUNT_TAGS,
  GuardrailBaseline,
  GuardrailExemption,
  GuardrailParameters,
  MlProjectRecord,
  OrganizationSnapshot,
  OrganizationView,
  ProjectLayout,
  RefreshProgress,
  RequestContext,
  TargetGuardrailsView,
  decideForAccount,
  ProductCheckResult,
  ProductTemplate,
  checkTemplate,
  organizationView,
  partitionOf,
  projectLayout,
  scpChainFor,
  targetGuardrailsView,
} from '@mlgov/plugin-ml-environments-common';
import { readNonCompliantResources } from '@mlgov/plugin-ml-environments-node';
import { DEFAULT_AWS_EVENTS } from '../config';
import { AwsEventPatcher } from './AwsEventPatcher';
import {
  SnapshotRefresher,
  SnapshotRefresherOptions,
} from './SnapshotRefresher';

/**
 * Everything the routes answer: reads the latest snapshot and evaluates it;
 * refreshes it from AWS.
 */
export class StatusService {
  constructor(
    private readonly options: Omit<
      SnapshotRefresherOptions,
      'afterFullRead'
    > & {
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      /** The carve-outs of approved exceptions in force, from the suite's record. */
      exemptions?: () => Promise<GuardrailExemption[]>;
      /** When each OU problem was first seen (see `ProblemStore`). */
      problemsSince?: () => Promise<Record<string, string>>;
      /** How AWS events are applied; see `applyAwsEvent`. */
      awsEvents?: {
        /** Events arriving within this time are read together. */
        batchMs: number;
        /** When to read again a change whose AWS operation still runs. */
        followUpMs: number;
      };
    },
  ) {
    this.refresher = new SnapshotRefresher({
      ...options,
      afterFullRead: startedAt => this.patcher.replayAfterFullRead(startedAt),
    });
    this.patcher = new AwsEventPatcher({
      clients: options.clients,
      store: options.store,
      logger: options.logger,
      timing: options.awsEvents ?? DEFAULT_AWS_EVENTS,
      latest: () => this.latest(),
      fullRead: () => this.refresher.running,
      announce: snapshot => this.refresher.announce(snapshot),
    });
  }

  private readonly patcher: AwsEventPatcher;

  private readonly refresher: SnapshotRefresher;

  /** Refreshes now; a call while a refresh runs joins it instead of starting another. */
  refresh(): Promise<{ takenAt: string }> {
    return this.refresher.refresh();
  }

  /**
   * A refresh a user asked for: joins the running one, or starts one if no
   * replica started one within the minimum interval.
   */
  requestRefresh() {
    return this.refresher.requestRefresh();
  }

  async refreshProgress(id: string): Promise<RefreshProgress> {
    const progress = await this.options.store.refreshProgress(id);
    if (!progress) throw new NotFoundError(`No refresh ${id}`);
    return progress;
  }

  /**
   * An event from the organization's EventBridge rule (CloudTrail calls,
   * service events, Config compliance changes): the parts it changed are
   * read again and patched into the latest snapshot, instead of a full read.
   */
  applyAwsEvent(event: unknown): void {
    this.patcher.apply(event);
  }

  /** Resolves once every queued change is applied (for tests and benchmarks). */
  changesApplied(): Promise<void> {
    return this.patcher.changesApplied();
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

  /** The latest snapshot; 503 (saying why) before the first. */
  async latestSnapshot(): Promise<OrganizationSnapshot> {
    const snapshot = (await this.latest())?.snapshot;
    if (!snapshot) {
      const failure = this.refresher.lastFailure;
      throw new ServiceUnavailableError(
        failure
          ? `No snapshot of the organization yet: the refresh at ${failure.at} failed (${failure.message}); the next scheduled refresh tries again`
          : 'No snapshot of the organization yet; the first refresh is still running',
      );
    }
    return snapshot;
  }

  private async viewOptions() {
    return {
      baseline: this.options.baseline,
      parameters: {
        ...this.options.parameters,
        exemptions: (await this.options.exemptions?.()) ?? [],
        problemsSince: (await this.options.problemsSince?.()) ?? {},
      },
      region: this.options.clients.awsConfig.region,
    };
  }

  /**
   * The organization view. `recordedOwners` (the suite's record) names each
   * recorded project's owner; only unrecorded projects show their owner tag.
   */
  async organization(
    recordedOwners: Map<string, string> = new Map(),
  ): Promise<OrganizationView> {
    const snapshot = await this.latestSnapshot();
    const views =
      this.readModel?.snapshot === snapshot
        ? this.readModel.organizationViews
        : new Map<string, OrganizationView>();
    const options = await this.viewOptions();
    const key = JSON.stringify([
      [...recordedOwners].sort(),
      options.parameters.exemptions,
      options.parameters.problemsSince,
    ]);
    let view = views.get(key);
    if (!view) {
      view = organizationView(snapshot, recordedOwners, options);
      // The record changes seldom: the latest few owner sets are enough.
      if (views.size >= 4) views.delete(views.keys().next().value!);
      views.set(key, view);
    }
    return view;
  }

  /**
   * The project's layout. A recorded project's accounts are the record's
   * (tags can be set by others); an unrecorded one is known only by its tags.
   */
  async project(
    project: string,
    recordedAccounts?: MlProjectRecord['accounts'],
  ): Promise<Omit<ProjectLayout, 'record'>> {
    const layout = projectLayout(
      await this.latestSnapshot(),
      project,
      recordedAccounts,
      await this.viewOptions(),
    );
    if (!layout) {
      throw new NotFoundError(
        recordedAccounts?.length
          ? `None of ${project}'s recorded accounts is in the organization snapshot yet; refresh the snapshot`
          : `No AWS account is tagged ${ACCOUNT_TAGS.project}=${project}`,
      );
    }
    return layout;
  }

  async target(id: string): Promise<TargetGuardrailsView> {
    const view = targetGuardrailsView(
      await this.latestSnapshot(),
      id,
      await this.viewOptions(),
    );
    if (!view) {
      throw new NotFoundError(`No OU or account ${id} in the organization`);
    }
    return view.kind === 'account' ? this.withFailingResources(view) : view;
  }

  /**
   * An account's violated detective controls with the resources to fix,
   * read from AWS Config when asked (the snapshot keeps only counts). A read
   * that fails leaves the count in the reason.
   */
  private async withFailingResources(
    view: TargetGuardrailsView,
  ): Promise<TargetGuardrailsView> {
    const failing = view.guardrails.filter(
      g => g.kind === 'control' && g.state === 'non-compliant',
    );
    if (failing.length === 0) return view;
    const { clients, logger } = this.options;
    const client = await clients.managementConfig();
    const guardrails = await Promise.all(
      view.guardrails.map(async g => {
        if (!failing.includes(g)) return g;
        try {
          const resources = await readNonCompliantResources(client, {
            aggregatorName: clients.awsConfig.configAggregatorName,
            region: clients.awsConfig.region,
            accountId: view.targetId,
            controlId: g.guardrailId,
          });
          return { ...g, resources };
        } catch (error) {
          logger.warn(
            `Could not read the resources violating ${g.guardrailId} in ${view.targetId}: ${error}`,
          );
          return g;
        }
      }),
    );
    return { ...view, guardrails };
  }

  async evaluate(
    accountId: string,
    actions: string[],
    context: RequestContext = {},
    resource = '*',
  ) {
    const snapshot = await this.latestSnapshot();
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
   * Whether the SCPs from the root down to an OU (by path) let
   * CloudFormation create a product template's resources there. Pure
   * evaluation of the latest snapshot: no AWS call, nothing changed. Fails
   * closed while the snapshot has no OUs or SCPs yet, since a chain without
   * policies would allow everything.
   */
  async checkProduct(
    template: ProductTemplate,
    targetOu: string,
  ): Promise<ProductCheckResult> {
    const snapshot = await this.latestSnapshot();
    if (
      snapshot.loading?.some(
        section => section === 'tree' || section === 'policies',
      )
    ) {
      throw new ServiceUnavailableError(
        "The suite has not finished reading the organization's OUs and SCPs yet, so it cannot judge a template; try again shortly",
      );
    }
    const ou = snapshot.ous.find(o => o.path === targetOu);
    if (!ou) {
      const known = snapshot.ous.map(o => o.path).sort();
      const shown = known.slice(0, 10).join(', ');
      const more = known.length > 10 ? ` and ${known.length - 10} more` : '';
      throw new InputError(
        `No OU ${JSON.stringify(
          targetOu,
        )} in the organization; give an OU path from the root, such as ${shown}${more}`,
      );
    }
    const { region, memberAccountRoleName } = this.options.clients.awsConfig;
    // The suite launches products as its member-account role. An OU has no
    // single account, so the ARN carries the placeholder account
    // 000000000000: SCPs that exempt roles match them by name across
    // accounts (arn:aws:iam::*:role/…), which this still decides.
    const principalArn = `arn:${
      partitionOf(region).partition
    }:iam::000000000000:role/${memberAccountRoleName}`;
    return checkTemplate(scpChainFor(snapshot, ou.id), template, {
      principalArn,
    });
  }
}
