import {
  ControlTowerClient,
  EnableControlCommand,
  GetControlOperationCommand,
  paginateListEnabledControls,
} from '@aws-sdk/client-controltower';
import { DRY_RUN_ID } from './organizations';
import { Step, poll } from './step';

export function controlArn(region: string, controlId: string) {
  return `arn:aws:controltower:${region}::control/${controlId}`;
}

/** Enables each control on the OU unless it already is, waiting for each operation. */
export async function ensureControlsEnabled(
  client: ControlTowerClient,
  region: string,
  ou: { arn: string; path: string },
  controlIds: string[],
  step: Step,
): Promise<string[]> {
  const enabled = new Set<string>();
  // An OU that a dry run would create has no controls yet.
  if (ou.arn !== DRY_RUN_ID) {
    for await (const page of paginateListEnabledControls(
      { client },
      { targetIdentifier: ou.arn },
    )) {
      for (const control of page.enabledControls ?? []) {
        enabled.add(control.controlIdentifier!.split('/').pop()!);
      }
    }
  }
  const newlyEnabled: string[] = [];
  for (const controlId of controlIds) {
    if (enabled.has(controlId)) {
      step.logger.info(`Control ${controlId} is already enabled on ${ou.path}`);
      continue;
    }
    if (step.isDryRun) {
      step.logger.info(
        `Dry run: would enable control ${controlId} on ${ou.path}`,
      );
      continue;
    }
    const operationIdentifier = await step.checkpoint(
      `controltower.enableControl.${ou.arn}.${controlId}`,
      async () => {
        const result = await client.send(
          new EnableControlCommand({
            controlIdentifier: controlArn(region, controlId),
            targetIdentifier: ou.arn,
          }),
        );
        step.logger.info(
          `Enabling control ${controlId} on ${ou.path} (${result.operationIdentifier})`,
        );
        return result.operationIdentifier!;
      },
    );
    const { controlOperation } = await poll(
      step,
      `control ${controlId} on ${ou.path}`,
      () =>
        client.send(new GetControlOperationCommand({ operationIdentifier })),
      r => r.controlOperation?.status !== 'IN_PROGRESS',
      r => r.controlOperation?.status ?? 'unknown',
    );
    if (controlOperation?.status !== 'SUCCEEDED') {
      throw new Error(
        `Enabling control ${controlId} on ${ou.path} failed: ${
          controlOperation?.statusMessage ?? controlOperation?.status
        }. Check the OU is registered with Control Tower, then run the template again`,
      );
    }
    step.logger.info(`Enabled control ${controlId} on ${ou.path}`);
    newlyEnabled.push(controlId);
  }
  return newlyEnabled;
}
