import { CONFLICT_ERRORS } from '../retry';
import { ControlTowerRestClient } from './controlTowerRest';
import { registrationBaselineArn } from './controlTowerRegistration';
import { DRY_RUN_ID, ProvisioningStep, poll } from './step';

// Enrolling the accounts moved into a registered OU, so that Control Tower's
// baseline (CloudTrail, Config) and detective controls reach them: by Control
// Tower itself where the landing zone auto-enrols (awaitAutoEnrolment), else
// by re-applying the OU's baseline (ensureAccountsEnrolled).

/**
 * Whether the landing zone enrols accounts moved into registered OUs by
 * itself: auto-enrolment, landing zones 3.1 and later, on when its
 * remediationTypes hold INHERITANCE_DRIFT (Control Tower User Guide, "Move
 * and enroll accounts with auto-enrollment").
 *
 * @public
 */
export async function autoEnrolment(
  client: ControlTowerRestClient,
): Promise<boolean> {
  const arn = await client.findLandingZone();
  if (!arn) return false;
  const { remediationTypes = [] } = await client.getLandingZone(arn);
  return remediationTypes.includes('INHERITANCE_DRIFT');
}

/**
 * Waits while Control Tower auto-enrols the accounts moved into the OU: each
 * has an enabled baseline of its own, a child of the OU's, UNDER_CHANGE until
 * enrolled; an account whose enrolment has not shown yet (Control Tower
 * starts it after the move) is waited for too, until the step's timeout.
 * Enrolments run side by side, without a baseline operation of the suite's,
 * so no OU waits for another. 'reset' when the OU's baseline shows
 * inheritance drift (accounts moved in before auto-enrolment was on):
 * ensureAccountsEnrolled then re-applies the OU's baseline.
 *
 * @public
 */
export async function awaitAutoEnrolment(
  client: ControlTowerRestClient,
  ou: { arn: string; path: string },
  accountIds: string[],
  step: ProvisioningStep,
): Promise<'enrolled' | 'reset'> {
  if (ou.arn === DRY_RUN_ID || accountIds.includes(DRY_RUN_ID)) {
    step.logger.info(
      `Dry run: Control Tower would enrol the new accounts of OU ${ou.path} as they are moved in (auto-enrolment)`,
    );
    return 'enrolled';
  }
  const { registration } = await registrationBaselineArn(client);
  const ouBaseline = (await client.listEnabledBaselines([ou.arn])).find(
    b => b.baselineIdentifier === registration,
  );
  if (
    !ouBaseline ||
    ouBaseline.driftStatusSummary?.types?.inheritance?.status === 'DRIFTED'
  ) {
    return 'reset';
  }
  const statuses = async () => {
    const children = await client.listEnabledBaselines(undefined, [
      ouBaseline.arn,
    ]);
    return accountIds.map(
      id =>
        children.find(c => c.targetIdentifier.endsWith(`/${id}`))?.statusSummary
          ?.status ?? 'not enrolled',
    );
  };
  const settled = await poll(
    step,
    `Control Tower's enrolment of the accounts moved into OU ${ou.path}`,
    statuses,
    found => !found.includes('UNDER_CHANGE') && !found.includes('not enrolled'),
    found => accountIds.map((id, i) => `${id} ${found[i]}`).join(', '),
  );
  const failed = accountIds.filter((_, i) => settled[i] === 'FAILED');
  if (failed.length > 0) {
    throw new Error(
      `Control Tower could not enrol account ${failed.join(', ')} in OU ${
        ou.path
      }; see the account in the Control Tower console, then run the template again`,
    );
  }
  step.logger.info(
    `Control Tower enrolled the accounts of OU ${ou.path} (auto-enrolment)`,
  );
  return 'enrolled';
}

/**
 * Enrols the accounts a task moved into a registered OU: re-applies the OU's
 * baseline (ResetEnabledBaseline) when it shows inheritance drift, so that
 * Control Tower's baseline (CloudTrail, Config) and detective controls reach
 * them.
 */
export async function ensureAccountsEnrolled(
  client: ControlTowerRestClient,
  ou: { arn: string; path: string },
  step: ProvisioningStep,
): Promise<void> {
  if (ou.arn === DRY_RUN_ID) return;
  const { registration } = await registrationBaselineArn(client);
  const baseline = async () =>
    (await client.listEnabledBaselines([ou.arn])).find(
      b => b.baselineIdentifier === registration,
    );
  const current = await baseline();
  if (current?.driftStatusSummary?.types?.inheritance?.status !== 'DRIFTED') {
    return;
  }
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would enrol the new accounts of OU ${ou.path} in Control Tower`,
    );
    return;
  }
  let operationIdentifier: string | undefined;
  try {
    ({ operationIdentifier } = await client.resetEnabledBaseline(current.arn));
  } catch (error) {
    // A reset whose answer was lost (or another task's) still runs on the
    // OU's baseline: follow it rather than fail. The retries may end on
    // either of AWS's "another change is in flight" answers; following
    // finds out whether one ran (and fails, saying so, if none did).
    if (!CONFLICT_ERRORS.has((error as Error).name)) throw error;
  }
  step.logger.info(
    `Enrolling the new accounts of OU ${ou.path} in Control Tower (${
      operationIdentifier ?? 'following the change already running'
    })`,
  );
  if (operationIdentifier) {
    const id = operationIdentifier;
    const done = await poll(
      step,
      `enrolment in OU ${ou.path}`,
      () => client.getBaselineOperation(id),
      op => op.status !== 'IN_PROGRESS',
      op => op.status,
    );
    if (done.status !== 'SUCCEEDED') {
      throw new Error(
        `Enrolling the accounts of OU ${ou.path} failed: ${
          done.statusMessage ?? done.status
        }`,
      );
    }
    return;
  }
  const settled = await poll(
    step,
    `enrolment in OU ${ou.path}`,
    baseline,
    b => b?.statusSummary?.status !== 'UNDER_CHANGE',
    b => b?.statusSummary?.status ?? 'not enabled',
  );
  if (
    settled?.statusSummary?.status !== 'SUCCEEDED' ||
    settled.driftStatusSummary?.types?.inheritance?.status === 'DRIFTED'
  ) {
    throw new Error(
      `Enrolling the accounts of OU ${ou.path} did not finish (baseline ${
        settled?.statusSummary?.status ?? 'not enabled'
      }); run the template again`,
    );
  }
}
