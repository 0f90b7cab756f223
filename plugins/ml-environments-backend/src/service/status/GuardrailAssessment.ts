import { BackstageCredentials } from '@backstage/backend-plugin-api';
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
    const record = await projects.get(credentials, project);
    const snapshot = await snapshots.latestSnapshot();
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
