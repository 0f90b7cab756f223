import { AwsError, accessDenied } from '../../errors.ts';
import { type CallContext, type Handlers, paginate } from '../../context.ts';
import { ids } from '../../ids.ts';
import type { EmulatorState, EnabledControlRecord } from '../../state.ts';
import {
  CONTROL_CATALOG,
  configRuleName,
  controlName,
  deployControl,
  undeployControl,
} from './controls.ts';
import { startOperation } from './operations.ts';
import { landingZoneHandlers, landingZoneMutations } from './landingzone.ts';
import { isRegistered } from './registration.ts';

export { CONTROL_CATALOG, configRuleName, controlName, deployControl };

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
