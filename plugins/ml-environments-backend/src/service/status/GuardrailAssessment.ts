import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  GuardrailAssessment,
  GuardrailBaseline,
  GuardrailExemption,
  GuardrailParameters,
  OrganizationSnapshot,
  SnapshotIndex,
  assessAccount,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { ProjectRegistry } from '../projects/ProjectRegistry';

const NEEDED: string[] = ['tree', 'tags', 'policies'];

/**
 * The guide's "Assessing SCP effectiveness" for a project: each of its
 * recorded accounts (the record's, never found by tags) judged with the
 * suite's evaluator on the latest snapshot, against the SCPs it carries and
 * those the baseline means it to carry with the exceptions in force. Pure
 * evaluation: no AWS call, nothing changed.
 */
export class GuardrailAssessmentService {
  constructor(
    private readonly options: {
      /** Reads the record under ml-environments.project.read (404, 403). */
      projects: Pick<ProjectRegistry, 'get'>;
      snapshots: { latestSnapshot(): Promise<OrganizationSnapshot> };
      clients: Pick<MlAwsClients, 'awsConfig'>;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      exceptions?: { exemptions(): Promise<GuardrailExemption[]> };
    },
  ) {}

  async assess(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<GuardrailAssessment> {
    const { projects, snapshots, clients, baseline } = this.options;
    const snapshot = await snapshots.latestSnapshot();
    // A first read publishes its sections one by one: without the OUs, the
    // tags (which say the OU an account belongs in) or the SCPs, every
    // answer would be a guess, so fail closed (503, with Retry-After),
    // whatever the project: a 503 tells nothing of it.
    const missing = (snapshot.loading ?? []).filter(section =>
      NEEDED.includes(section),
    );
    if (missing.length > 0) {
      throw new ServiceUnavailableError(
        `The suite has not finished reading the organization (${missing.join(
          ', ',
        )} still loading), so it cannot assess ${project}'s guardrails yet; try again shortly`,
      );
    }
    const record = await projects.get(credentials, project);
    const parameters = {
      ...this.options.parameters,
      exemptions: (await this.options.exceptions?.exemptions()) ?? [],
    };
    const index = new SnapshotIndex(snapshot);
    const region = clients.awsConfig.region;
    return {
      project,
      takenAt: snapshot.takenAt,
      accounts: record.accounts.map(({ stage, accountId }) => {
        const account = index.account(accountId);
        if (!account) {
          return {
            accountId,
            stage,
            problem: `Account ${accountId} is not in the organization snapshot yet (a dry run's, or made since the last read); refresh the snapshot`,
            calls: [],
          };
        }
        return {
          accountId,
          stage,
          accountName: account.name,
          ouPath: index.labelOf(account.parentId),
          calls: assessAccount(snapshot, accountId, {
            baseline,
            parameters,
            region,
          }),
        };
      }),
    };
  }
}
