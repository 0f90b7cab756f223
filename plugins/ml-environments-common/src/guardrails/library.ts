import { ACCOUNT_TAGS } from '../accountTags';
import { exemptAccountsOf, withAccountCarveOut } from '../exceptions/carveOut';
import { CONTROLS } from './controls';
import { SCPS } from './scps';
import {
  Guardrail,
  GuardrailParameters,
  PolicyDocument,
  ScpGuardrail,
} from './types';

/** Prefix of the SCP names the suite creates, so they are easy to tell apart. */
export const SCP_NAME_PREFIX = 'mlgov-';

/** @public */
export const DEFAULT_GUARDRAIL_PARAMETERS: GuardrailParameters = {
  exemptRoleArns: [
    'arn:aws:iam::*:role/AWSControlTowerExecution',
    'arn:aws:iam::*:role/PlatformAdmin',
  ],
  allowedInstanceTypes: ['ml.t3.*', 'ml.m5.large', 'ml.m5.xlarge'],
  // The account tag scheme's keys, which the suite's own resources carry.
  costTagKeys: [ACCOUNT_TAGS.costCenter, ACCOUNT_TAGS.project],
};

/** Every guardrail the suite knows, SCPs and Control Tower controls. */
export const GUARDRAILS: readonly Guardrail[] = [...SCPS, ...CONTROLS];

/** @public */
export function findGuardrail(id: string): Guardrail | undefined {
  return GUARDRAILS.find(guardrail => guardrail.id === id);
}

/** The name of the SCP that holds a guardrail in AWS Organizations. */
export function scpName(guardrailId: string): string {
  return `${SCP_NAME_PREFIX}${guardrailId}`;
}

/**
 * A guardrail's SCP document for the parameters, with the accounts its
 * approved exceptions lift out of it.
 */
export function scpDocument(
  guardrail: ScpGuardrail,
  parameters: GuardrailParameters,
): PolicyDocument {
  return withAccountCarveOut(
    guardrail.document(parameters),
    exemptAccountsOf(guardrail.id, parameters.exemptions),
  );
}

/**
 * The SCP that carries a guardrail, as it is created in AWS: its name, its
 * title as description, and its document for the parameters, minified.
 */
export function scpOfGuardrail(
  guardrail: ScpGuardrail,
  parameters: GuardrailParameters,
): { name: string; description: string; content: string } {
  return {
    name: scpName(guardrail.id),
    description: guardrail.title,
    content: JSON.stringify(scpDocument(guardrail, parameters)),
  };
}
