import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ACCOUNT_TAGS,
  GuardrailBaseline,
  GuardrailExemption,
  GuardrailParameters,
  MlProjectRecord,
  OrganizationSnapshot,
  OrganizationView,
  RecordedAccountOfView,
  ProjectLayout,
  RefreshProgress,
  RequestContext,
  TargetGuardrailsView,
  decideForAccount,
  organizationView,
  projectLayout,
  targetGuardrailsView,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readNonCompliantResources,
} from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';
import { ProblemStore } from '../../database/ProblemStore';
import { SnapshotReadModel } from './SnapshotReadModel';

/**
 * The status the routes and actions answer: the latest snapshot (the read
 * model) evaluated against the guardrails, with the carve-outs in force and
 * when each OU problem was first seen. Snapshots are made by the
 * SnapshotPipeline; this only reads them.
 */
export class StatusService {
  constructor(
    private readonly options: {
      readModel: SnapshotReadModel;
      store: Pick<MlEnvironmentsStore, 'refreshProgress'>;
      /** Why there is no snapshot yet, when the first read failed. */
      pipeline: { readonly lastFailure?: { at: string; message: string } };
      clients: Pick<MlAwsClients, 'awsConfig' | 'managementConfig'>;
      logger: LoggerService;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      /** The carve-outs of approved exceptions in force, from the suite's record. */
      exceptions?: { exemptions(): Promise<GuardrailExemption[]> };
      /** When each OU problem was first seen. */
      problems?: Pick<ProblemStore, 'since'>;
    },
  ) {}

  async refreshProgress(id: string): Promise<RefreshProgress> {
    const progress = await this.options.store.refreshProgress(id);
    if (!progress) throw new NotFoundError(`No refresh ${id}`);
    return progress;
  }

  /** The latest snapshot; 503 (saying why) before the first. */
  async latestSnapshot(): Promise<OrganizationSnapshot> {
    const snapshot = (await this.options.readModel.latest())?.snapshot;
    if (!snapshot) {
      const failure = this.options.pipeline.lastFailure;
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
        exemptions: (await this.options.exceptions?.exemptions()) ?? [],
        problemsSince: (await this.options.problems?.since()) ?? {},
      },
      region: this.options.clients.awsConfig.region,
    };
  }

  /**
   * The organization view. `recordedOwners` (the suite's record) names each
   * recorded project's owner; only unrecorded projects show their owner tag.
   * `recordedAccounts` give recorded accounts' project and stage before
   * their tags are read.
   */
  async organization(
    recordedOwners: Map<string, string> = new Map(),
    recordedAccounts: ReadonlyMap<string, RecordedAccountOfView> = new Map(),
  ): Promise<OrganizationView> {
    const latest = await this.options.readModel.latest();
    const snapshot = await this.latestSnapshot();
    const views =
      latest?.snapshot === snapshot
        ? latest.organizationViews
        : new Map<string, OrganizationView>();
    const options = await this.viewOptions();
    const key = JSON.stringify([
      [...recordedOwners].sort(),
      [...recordedAccounts].sort(),
      options.parameters.exemptions,
      options.parameters.problemsSince,
    ]);
    let view = views.get(key);
    if (!view) {
      view = organizationView(
        snapshot,
        recordedOwners,
        options,
        recordedAccounts,
      );
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
}
