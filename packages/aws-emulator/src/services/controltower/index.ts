import { AwsError, accessDenied } from '../../errors.ts';
import { type CallContext, type Handlers, paginate } from '../../context.ts';
import { ids } from '../../ids.ts';
import type {
  ControlOperationRecord,
  EmulatorState,
  EnabledControlRecord,
} from '../../state.ts';
import { attachPolicy, createPolicy } from '../organizations/index.ts';
import {
  isRegistered,
  landingZoneHandlers,
  landingZoneMutations,
} from './landingzone.ts';

type Behavior = 'DETECTIVE' | 'PREVENTIVE' | 'PROACTIVE';

interface CatalogControl {
  behavior: Behavior;
  guidance: 'MANDATORY' | 'STRONGLY_RECOMMENDED' | 'ELECTIVE';
  /** For detective controls: the AWS Config resource type the rule checks. */
  resourceType?: string;
}

/** The controls the emulator knows, by their legacy (regional) identifier. */
export const CONTROL_CATALOG: Record<string, CatalogControl> = {
  'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED': {
    behavior: 'DETECTIVE',
    guidance: 'STRONGLY_RECOMMENDED',
    resourceType: 'AWS::S3::Bucket',
  },
  'AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED': {
    behavior: 'DETECTIVE',
    guidance: 'STRONGLY_RECOMMENDED',
    resourceType: 'AWS::S3::Bucket',
  },
  'AWS-GR_S3_VERSIONING_ENABLED': {
    behavior: 'DETECTIVE',
    guidance: 'ELECTIVE',
    resourceType: 'AWS::S3::Bucket',
  },
  'AWS-GR_SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS': {
    behavior: 'DETECTIVE',
    guidance: 'ELECTIVE',
    resourceType: 'AWS::SageMaker::NotebookInstance',
  },
  'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED': {
    behavior: 'PREVENTIVE',
    guidance: 'ELECTIVE',
  },
  'CT.S3.PR.1': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.S3.PR.7': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.S3.PR.8': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.SAGEMAKER.PR.1': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.SAGEMAKER.PR.2': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.SAGEMAKER.PR.3': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED': {
    behavior: 'PREVENTIVE',
    guidance: 'MANDATORY',
  },
  'AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED': {
    behavior: 'PREVENTIVE',
    guidance: 'MANDATORY',
  },
};

const CONTROL_ARN =
  /^arn:aws[a-z-]*:controltower:[a-z0-9-]+::control\/([A-Za-z0-9._-]+)$/;
const MAX_CONCURRENT_OPERATIONS = 10;

export function controlName(controlIdentifier: string): string | undefined {
  return CONTROL_ARN.exec(controlIdentifier)?.[1];
}

/** AWS Config names the rule of a detective control like this in member accounts. */
export function configRuleName(control: string) {
  return `AWSControlTower_${control}`;
}

function validation(message: string) {
  return new AwsError('ValidationException', message, { status: 400 });
}

function notFound(message: string) {
  return new AwsError('ResourceNotFoundException', message, { status: 404 });
}

function resolveOu(state: EmulatorState, targetIdentifier: string) {
  const ou = [...state.ous.values()].find(o => o.arn === targetIdentifier);
  if (!ou) {
    throw notFound(
      `Target ${targetIdentifier} is not an organizational unit of this organization.`,
    );
  }
  return ou;
}

function resolveControl(controlIdentifier: string) {
  const name = controlName(controlIdentifier);
  const control = name ? CONTROL_CATALOG[name] : undefined;
  if (!name || !control) {
    throw notFound(`Control ${controlIdentifier} does not exist.`);
  }
  if (control.guidance === 'MANDATORY') {
    throw validation(
      `Control ${name} is mandatory; it cannot be enabled or disabled through the API.`,
    );
  }
  return { name, control };
}

/**
 * Applies an enabled control to the OU: detective controls deploy their Config
 * rule to the OU's accounts; preventive ones attach an aws-guardrails SCP,
 * which counts toward the OU's SCP quota as it does in AWS.
 */
export function deployControl(
  state: EmulatorState,
  maxScps: number,
  name: string,
  ouId: string,
) {
  const control = CONTROL_CATALOG[name];
  if (control.behavior === 'DETECTIVE') {
    for (const account of state.accountsUnder(ouId)) {
      if (!state.configRules.has(account.id))
        state.configRules.set(account.id, new Set());
      state.configRules.get(account.id)!.add(configRuleName(name));
    }
  } else if (control.behavior === 'PREVENTIVE') {
    const policyName = `aws-guardrails-${name}`;
    const policy =
      [...state.policies.values()].find(p => p.name === policyName) ??
      createPolicy(state, {
        name: policyName,
        description: `Control Tower control ${name}`,
        content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: ['s3:PutEncryptionConfiguration'],
              Resource: '*',
              Condition: {
                ArnNotLike: {
                  'aws:PrincipalARN':
                    'arn:aws:iam::*:role/AWSControlTowerExecution',
                },
              },
            },
          ],
        }),
      });
    attachPolicy(state, maxScps, policy.id, ouId);
  }
}

function undeployControl(state: EmulatorState, name: string, ouId: string) {
  const control = CONTROL_CATALOG[name];
  if (control.behavior === 'DETECTIVE') {
    for (const account of state.accountsUnder(ouId)) {
      state.configRules.get(account.id)?.delete(configRuleName(name));
    }
  } else if (control.behavior === 'PREVENTIVE') {
    const policy = [...state.policies.values()].find(
      p => p.name === `aws-guardrails-${name}`,
    );
    if (policy) state.attachments.get(policy.id)?.delete(ouId);
  }
}

function summary(enabled: EnabledControlRecord) {
  return {
    arn: enabled.arn,
    controlIdentifier: enabled.controlIdentifier,
    targetIdentifier: enabled.targetIdentifier,
    statusSummary: {
      status: enabled.status,
      lastOperationIdentifier: enabled.lastOperationIdentifier,
    },
    driftStatusSummary: { driftStatus: enabled.driftStatus },
  };
}

function requireManagement(ctx: CallContext) {
  if (ctx.caller.accountId !== ctx.state.managementAccountId) {
    throw accessDenied(
      'Control Tower can be called only from the management account.',
      403,
    );
  }
}

function startOperation(
  ctx: CallContext,
  fields: Omit<
    ControlOperationRecord,
    'operationIdentifier' | 'status' | 'startTime'
  >,
  complete: () => void,
): ControlOperationRecord {
  const { state, config } = ctx;
  const running = [...state.controlOperations.values()].filter(
    o => o.status === 'IN_PROGRESS',
  );
  if (running.length >= MAX_CONCURRENT_OPERATIONS) {
    throw new AwsError(
      'ServiceQuotaExceededException',
      `${running.length} control operations are in progress; at most ${MAX_CONCURRENT_OPERATIONS} may run at once.`,
      { status: 402 },
    );
  }
  if (
    running.some(
      o =>
        o.controlIdentifier === fields.controlIdentifier &&
        o.targetIdentifier === fields.targetIdentifier,
    )
  ) {
    throw new AwsError(
      'ConflictException',
      'An operation on this control and target is already in progress.',
      { status: 409 },
    );
  }
  const operation: ControlOperationRecord = {
    ...fields,
    operationIdentifier: ids.operation(),
    status: 'IN_PROGRESS',
    startTime: new Date(),
  };
  state.controlOperations.set(operation.operationIdentifier, operation);
  state.later(config.asyncDelayMs, () => {
    try {
      complete();
      operation.status = 'SUCCEEDED';
    } catch (error) {
      operation.status = 'FAILED';
      operation.statusMessage = (error as Error).message;
    }
    operation.endTime = new Date();
  });
  return operation;
}

/** The operations below that change state; every other one only reads. */
export const controlTowerMutations: ReadonlySet<string> = new Set([
  ...landingZoneMutations,
  'EnableControl',
  'DisableControl',
]);

export function controlTowerHandlers(): Handlers {
  const handlers: Handlers = {
    ...landingZoneHandlers(),
    EnableControl: (ctx, input) => {
      const { state, config } = ctx;
      if (!input.controlIdentifier || !input.targetIdentifier) {
        throw validation(
          'controlIdentifier and targetIdentifier are required.',
        );
      }
      const { name } = resolveControl(input.controlIdentifier);
      const ou = resolveOu(state, input.targetIdentifier);
      if (!isRegistered(state, ou.arn)) {
        throw validation(
          `The organizational unit ${ou.name} is not registered with AWS Control Tower; enable the AWSControlTowerBaseline on it before its controls.`,
        );
      }
      const existing = [...state.enabledControls.values()].find(
        e =>
          controlName(e.controlIdentifier) === name &&
          e.targetIdentifier === ou.arn,
      );
      if (existing && existing.status !== 'FAILED') {
        throw validation(`Control ${name} is already enabled on ${ou.arn}.`);
      }
      const arn =
        existing?.arn ??
        `arn:aws:controltower:${ctx.region}:${
          state.managementAccountId
        }:enabledcontrol/${ids.randomEnabledControl()}`;
      const enabled: EnabledControlRecord = {
        arn,
        controlIdentifier: input.controlIdentifier,
        targetIdentifier: ou.arn,
        status: 'UNDER_CHANGE',
        driftStatus:
          CONTROL_CATALOG[name].behavior === 'PROACTIVE'
            ? 'NOT_CHECKING'
            : 'IN_SYNC',
        lastOperationIdentifier: '',
        parameters: input.parameters ?? [],
      };
      const operation = startOperation(
        ctx,
        {
          operationType: 'ENABLE_CONTROL',
          controlIdentifier: input.controlIdentifier,
          targetIdentifier: ou.arn,
          enabledControlIdentifier: arn,
        },
        () => {
          try {
            deployControl(state, config.maxScpsPerTarget, name, ou.id);
            enabled.status = 'SUCCEEDED';
          } catch (error) {
            enabled.status = 'FAILED';
            throw error;
          }
        },
      );
      enabled.lastOperationIdentifier = operation.operationIdentifier;
      state.enabledControls.set(arn, enabled);
      return { operationIdentifier: operation.operationIdentifier, arn };
    },

    DisableControl: (ctx, input) => {
      const { state } = ctx;
      const enabled = input.enabledControlIdentifier
        ? state.enabledControls.get(input.enabledControlIdentifier)
        : [...state.enabledControls.values()].find(
            e =>
              e.controlIdentifier === input.controlIdentifier &&
              e.targetIdentifier === input.targetIdentifier,
          );
      if (!enabled) {
        throw notFound('The control is not enabled on that target.');
      }
      const name = controlName(enabled.controlIdentifier)!;
      const ou = resolveOu(state, enabled.targetIdentifier);
      enabled.status = 'UNDER_CHANGE';
      const operation = startOperation(
        ctx,
        {
          operationType: 'DISABLE_CONTROL',
          controlIdentifier: enabled.controlIdentifier,
          targetIdentifier: enabled.targetIdentifier,
          enabledControlIdentifier: enabled.arn,
        },
        () => {
          undeployControl(state, name, ou.id);
          state.enabledControls.delete(enabled.arn);
        },
      );
      enabled.lastOperationIdentifier = operation.operationIdentifier;
      return { operationIdentifier: operation.operationIdentifier };
    },

    GetControlOperation: ({ state }, input) => {
      const operation = state.controlOperations.get(input.operationIdentifier);
      if (!operation) {
        throw notFound(
          `Operation ${input.operationIdentifier} does not exist.`,
        );
      }
      return { controlOperation: operation };
    },

    ListEnabledControls: ({ state }, input) => {
      if (
        input.maxResults !== undefined &&
        (input.maxResults < 1 || input.maxResults > 200)
      ) {
        throw validation('maxResults must be between 1 and 200.');
      }
      const targets = new Set<string>();
      if (input.targetIdentifier) {
        const ou = resolveOu(state, input.targetIdentifier);
        targets.add(ou.arn);
        if (input.includeChildren) {
          for (const child of state.ous.values()) {
            if (state.pathTo(child.id).includes(ou.id)) targets.add(child.arn);
          }
        }
      }
      const filter = input.filter ?? {};
      const items = [...state.enabledControls.values()].filter(
        e =>
          (targets.size === 0 || targets.has(e.targetIdentifier)) &&
          (!filter.controlIdentifiers ||
            filter.controlIdentifiers.includes(e.controlIdentifier)) &&
          (!filter.statuses || filter.statuses.includes(e.status)) &&
          (!filter.driftStatuses ||
            filter.driftStatuses.includes(e.driftStatus)),
      );
      const { page, nextToken } = paginate(
        items.map(summary),
        input.maxResults,
        input.nextToken,
        { max: 200, default: 100 },
        () => validation('nextToken is not valid.'),
      );
      return { enabledControls: page, nextToken };
    },

    GetEnabledControl: ({ state, region }, input) => {
      const enabled = state.enabledControls.get(input.enabledControlIdentifier);
      if (!enabled) {
        throw notFound(
          `Enabled control ${input.enabledControlIdentifier} does not exist.`,
        );
      }
      return {
        enabledControlDetails: {
          ...summary(enabled),
          driftStatusSummary: {
            driftStatus: enabled.driftStatus,
            types: {
              inheritance: {
                status:
                  enabled.driftStatus === 'DRIFTED' ? 'DRIFTED' : 'IN_SYNC',
              },
              resource: {
                status:
                  enabled.driftStatus === 'DRIFTED' ? 'DRIFTED' : 'IN_SYNC',
              },
            },
          },
          targetRegions: [{ name: region }],
          parameters: enabled.parameters,
        },
      };
    },
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (ctx: CallContext, input: any) => {
        requireManagement(ctx);
        return handler(ctx, input);
      },
    ]),
  );
}
