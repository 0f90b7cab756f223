import { ControlTowerRestClient } from './controlTowerRest';
import { DRY_RUN_ID, ProvisioningStep, poll } from './step';

// OUs registered with Control Tower (its baseline enabled); enrolling the
// accounts moved into them is in controlTowerEnrolment.ts, enabling controls
// on them in controlTower.ts.

/** The baseline whose enabling registers an OU with Control Tower. */
const REGISTRATION_BASELINE = 'AWSControlTowerBaseline';
const IDENTITY_CENTER_BASELINE = 'IdentityCenterBaseline';
/**
 * The AWSControlTowerBaseline version of landing zones 3.x [unverified: the
 * version pairs are not in our sources]; a landing zone that wants another
 * answers EnableBaseline with a ValidationException naming it.
 */
export const REGISTRATION_BASELINE_VERSION = '4.0';

/** Baselines do not change during a run: one ListBaselines per client. */
const baselinesByClient = new WeakMap<
  ControlTowerRestClient,
  ReturnType<ControlTowerRestClient['listBaselines']>
>();

/** The registration (and Identity Center) baselines' ARNs, read once per client. */
export async function registrationBaselineArn(client: ControlTowerRestClient) {
  if (!baselinesByClient.has(client)) {
    const listed = client.listBaselines();
    // A failed look-up is not remembered.
    listed.catch(() => baselinesByClient.delete(client));
    baselinesByClient.set(client, listed);
  }
  const baselines = await baselinesByClient.get(client)!;
  const arnOf = (name: string) => baselines.find(b => b.name === name)?.arn;
  const registration = arnOf(REGISTRATION_BASELINE);
  if (!registration) {
    throw new Error(
      `Control Tower offers no ${REGISTRATION_BASELINE} (ListBaselines); the landing zone must be version 3.0 or later to register OUs through the API`,
    );
  }
  return { registration, identityCenter: arnOf(IDENTITY_CENTER_BASELINE) };
}

/**
 * The OUs among `arns` that are registered with Control Tower (their
 * AWSControlTowerBaseline enabled and SUCCEEDED), in one read, so that a
 * run serializes only the registrations it must make.
 *
 * @public
 */
export async function registeredOus(
  client: ControlTowerRestClient,
  arns: string[],
): Promise<Set<string>> {
  const real = arns.filter(arn => arn !== DRY_RUN_ID);
  if (real.length === 0) return new Set();
  const { registration } = await registrationBaselineArn(client);
  return new Set(
    (await client.listEnabledBaselines(real))
      .filter(
        b =>
          b.baselineIdentifier === registration &&
          b.statusSummary?.status === 'SUCCEEDED',
      )
      .map(b => b.targetIdentifier),
  );
}

/**
 * Registers the OU with Control Tower (enables AWSControlTowerBaseline on
 * it, with the Identity Center baseline's ARN when the landing zone has one)
 * unless it is registered, waiting for the operation. Controls can be
 * enabled only on registered OUs. Parents must be registered first.
 */
export async function ensureOuRegistered(
  client: ControlTowerRestClient,
  ou: { arn: string; path: string },
  step: ProvisioningStep,
): Promise<void> {
  if (ou.arn === DRY_RUN_ID) {
    step.logger.info(
      `Dry run: would register the new OU ${ou.path} with Control Tower`,
    );
    return;
  }
  const { registration, identityCenter } = await registrationBaselineArn(
    client,
  );
  const registered = async () =>
    (await client.listEnabledBaselines([ou.arn])).find(
      b => b.baselineIdentifier === registration,
    );
  const existing = await registered();
  if (existing?.statusSummary?.status === 'SUCCEEDED') {
    step.logger.info(`OU ${ou.path} is registered with Control Tower`);
    return;
  }
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would register OU ${ou.path} with Control Tower`,
    );
    return;
  }
  if (!existing) {
    const identityCenterArn =
      identityCenter &&
      (await client.listEnabledBaselines()).find(
        b => b.baselineIdentifier === identityCenter,
      )?.arn;
    await step.checkpoint(`controltower.enableBaseline.${ou.arn}`, async () => {
      try {
        const { operationIdentifier } = await client.enableBaseline({
          baselineIdentifier: registration,
          baselineVersion: REGISTRATION_BASELINE_VERSION,
          targetIdentifier: ou.arn,
          parameters: identityCenterArn
            ? [
                {
                  key: 'IdentityCenterEnabledBaselineArn',
                  value: identityCenterArn,
                },
              ]
            : [],
        });
        step.logger.info(
          `Registering OU ${ou.path} with Control Tower (${operationIdentifier})`,
        );
      } catch (error) {
        // A retried call whose first answer was lost finds it being enabled.
        if (!(await registered())) throw error;
      }
    });
  }
  const done = await poll(
    step,
    `registration of OU ${ou.path}`,
    registered,
    b => b?.statusSummary?.status !== 'UNDER_CHANGE',
    b => b?.statusSummary?.status ?? 'not enabled',
  );
  if (done?.statusSummary?.status !== 'SUCCEEDED') {
    throw new Error(
      `Registering OU ${ou.path} with Control Tower failed (${
        done?.statusSummary?.status ?? 'not enabled'
      }); see the Control Tower console, then run the template again`,
    );
  }
  step.logger.info(`Registered OU ${ou.path} with Control Tower`);
}
