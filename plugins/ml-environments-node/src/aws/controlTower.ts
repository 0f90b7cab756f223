import { partitionOf } from '@mlgov/plugin-ml-environments-common';
import { ControlTowerRestClient } from './controlTowerRest';
import { DRY_RUN_ID, ProvisioningStep, poll } from './step';

export function controlArn(region: string, controlId: string) {
  return `arn:${
    partitionOf(region).partition
  }:controltower:${region}::control/${controlId}`;
}

const controlIdOf = (identifier: string) => identifier.split('/').pop()!;

/** Enables each control on the OU unless it already is, waiting for each operation. */
export async function ensureControlsEnabled(
  client: ControlTowerRestClient,
  region: string,
  ou: { arn: string; path: string },
  controlIds: string[],
  step: ProvisioningStep,
  /**
   * Asked before each control this run would enable (dry run or not); a
   * false answer leaves it disabled (its author logs why).
   */
  mayEnable?: (controlId: string) => Promise<boolean>,
): Promise<string[]> {
  const enabledOn = async () =>
    // An OU that a dry run would create has no controls yet.
    ou.arn === DRY_RUN_ID ? [] : client.listEnabledControls(ou.arn);
  const enabled = new Set(
    (await enabledOn()).map(c => controlIdOf(c.controlIdentifier)),
  );
  const newlyEnabled: string[] = [];
  for (const controlId of controlIds) {
    if (enabled.has(controlId)) {
      step.logger.info(`Control ${controlId} is already enabled on ${ou.path}`);
      continue;
    }
    if (mayEnable && !(await mayEnable(controlId))) continue;
    if (step.isDryRun) {
      step.logger.info(
        `Dry run: would enable control ${controlId} on ${ou.path}`,
      );
      continue;
    }
    const operationIdentifier = await step.checkpoint(
      `controltower.enableControl.${ou.arn}.${controlId}`,
      async () => {
        try {
          const result = await client.enableControl(
            controlArn(region, controlId),
            ou.arn,
          );
          step.logger.info(
            `Enabling control ${controlId} on ${ou.path} (${result.operationIdentifier})`,
          );
          return result.operationIdentifier;
        } catch (error) {
          // A retried call whose first answer was lost finds its own work done.
          const mine = (await enabledOn()).find(
            c => controlIdOf(c.controlIdentifier) === controlId,
          );
          if (!mine) throw error;
          step.logger.info(
            `Control ${controlId} is being enabled on ${ou.path} by an earlier call; following it`,
          );
          return '';
        }
      },
    );
    const done = operationIdentifier
      ? await poll(
          step,
          `control ${controlId} on ${ou.path}`,
          () => client.getControlOperation(operationIdentifier),
          op => op.status !== 'IN_PROGRESS',
          op => op.status ?? 'unknown',
        )
      : await followEnabledControl(step, ou, controlId, enabledOn);
    if (done.status !== 'SUCCEEDED') {
      throw new Error(
        `Enabling control ${controlId} on ${ou.path} failed: ${
          done.statusMessage ?? done.status
        }. Check the OU is registered with Control Tower, then run the template again`,
      );
    }
    step.logger.info(`Enabled control ${controlId} on ${ou.path}`);
    newlyEnabled.push(controlId);
  }
  return newlyEnabled;
}

/** Waits on the enabled control itself when its operation id was lost. */
async function followEnabledControl(
  step: ProvisioningStep,
  ou: { path: string },
  controlId: string,
  enabledOn: () => ReturnType<ControlTowerRestClient['listEnabledControls']>,
) {
  const control = await poll(
    step,
    `control ${controlId} on ${ou.path}`,
    async () =>
      (
        await enabledOn()
      ).find(c => controlIdOf(c.controlIdentifier) === controlId),
    c => c?.statusSummary?.status !== 'UNDER_CHANGE',
    c => c?.statusSummary?.status ?? 'unknown',
  );
  return {
    status: control?.statusSummary?.status ?? 'FAILED',
    statusMessage: control ? undefined : 'the control is not enabled',
  };
}
