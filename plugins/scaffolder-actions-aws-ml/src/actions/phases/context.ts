import {
  AccountStage,
  ProvisioningPlan,
} from '@mlgov/plugin-ml-environments-common';
import {
  ControlTowerRestClient,
  OuResolver,
  ProvisioningStep,
} from '@mlgov/plugin-ml-environments-node';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AwsMlActionDeps } from '../deps';
import { SharedChanges } from '../provisionProject.sharedChanges';

/** An OU a run ensured: its id and ARN, and its path for the log. */
export interface EnsuredOu {
  id: string;
  arn: string;
  path: string;
}

/** What the phases of one provisioning run share. */
export interface PhaseContext {
  plan: ProvisioningPlan;
  deps: AwsMlActionDeps;
  step: ProvisioningStep;
  org: OrganizationsClient;
  controlTower: ControlTowerRestClient;
  /** The run's OU look-ups, shared with pre-flight. */
  resolver: OuResolver;
}

/** What the OU phase leaves for the others. */
export interface OuPhaseResult {
  ous: Map<string, EnsuredOu>;
  /** Settles, per OU path, when the OU is registered with Control Tower. */
  registered: Map<string, Promise<void>>;
}

/** The project's accounts, by stage, as the accounts phase made or found them. */
export type AccountIds = Map<AccountStage, string>;

export type { SharedChanges };

/**
 * Waits for every step run side by side, then throws the first failure: a
 * failure is reported only once nothing is still changing AWS.
 */
export async function settleAll<T>(steps: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return settled.map(r => (r as PromiseFulfilledResult<T>).value);
}
