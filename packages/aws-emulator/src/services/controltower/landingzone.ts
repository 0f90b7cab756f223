import { AwsError } from '../../errors.ts';
import { type Handlers, paginate } from '../../context.ts';
import type { EmulatorState, EnabledBaselineRecord } from '../../state.ts';
import {
  BASELINES,
  baselineArn,
  baselineNameOf,
  details,
  enabledBaselineArn,
  isRegistered,
  registerOu,
  registrationOf,
} from './registration.ts';
import { startBaselineOperation } from './operations.ts';
import { childBaselines } from './enrolment.ts';

export { BASELINES, baselineArn, isRegistered, registerOu, registrationOf };

export const LANDING_ZONE_VERSION = '3.3';

function validation(message: string) {
  return new AwsError('ValidationException', message, { status: 400 });
}

function notFound(message: string) {
  return new AwsError('ResourceNotFoundException', message, { status: 404 });
}

/** The landing zone, or the error Control Tower answers without one. */
function requireLandingZone(state: EmulatorState) {
  if (!state.landingZone) {
    throw notFound('No landing zone is set up in this Region.');
  }
  return state.landingZone;
}

/** The landing zone operations that change state; every other one only reads. */
export const landingZoneMutations: ReadonlySet<string> = new Set([
  'EnableBaseline',
  'ResetEnabledBaseline',
]);

export function landingZoneHandlers(): Handlers {
  return {
    ListLandingZones: ({ state }) => ({
      landingZones: state.landingZone ? [{ arn: state.landingZone.arn }] : [],
    }),

    GetLandingZone: ({ state }, input) => {
      const landingZone = requireLandingZone(state);
      if (input.landingZoneIdentifier !== landingZone.arn) {
        throw notFound(
          `Landing zone ${input.landingZoneIdentifier} does not exist.`,
        );
      }
      const identityCenter = [...state.enabledBaselines.values()].some(
        b => baselineNameOf(b.baselineIdentifier) === 'IdentityCenterBaseline',
      );
      return {
        landingZone: {
          arn: landingZone.arn,
          version: landingZone.version,
          latestAvailableVersion: LANDING_ZONE_VERSION,
          status: 'ACTIVE',
          driftStatus: { status: 'IN_SYNC' },
          ...(landingZone.remediationTypes
            ? { remediationTypes: landingZone.remediationTypes }
            : {}),
          manifest: { accessManagement: { enabled: identityCenter } },
        },
      };
    },

    ListBaselines: ({ state, region }) => {
      requireLandingZone(state);
      return {
        baselines: (
          Object.keys(BASELINES) as Array<keyof typeof BASELINES>
        ).map(name => ({ arn: baselineArn(region, name), name })),
      };
    },

    EnableBaseline: (ctx, input) => {
      const { state, region } = ctx;
      requireLandingZone(state);
      if (
        !input.baselineIdentifier ||
        !input.baselineVersion ||
        !input.targetIdentifier
      ) {
        throw validation(
          'baselineIdentifier, baselineVersion and targetIdentifier are required.',
        );
      }
      const name = baselineNameOf(input.baselineIdentifier);
      if (!name)
        throw notFound(`Baseline ${input.baselineIdentifier} does not exist.`);
      if (input.baselineVersion !== BASELINES[name].version) {
        throw validation(
          `Baseline version ${input.baselineVersion} is not available; use ${BASELINES[name].version}.`,
        );
      }
      const ou = [...state.ous.values()].find(
        o => o.arn === input.targetIdentifier,
      );
      if (!ou)
        throw notFound(
          `Target ${input.targetIdentifier} is not an organizational unit.`,
        );
      if (registrationOf(state, ou.arn)) {
        throw validation(`Baseline ${name} is already enabled on ${ou.arn}.`);
      }
      const parent = state.ous.get(ou.parentId);
      if (parent && !isRegistered(state, parent.arn)) {
        throw validation(
          `The parent OU ${parent.name} is not registered with AWS Control Tower; register it first.`,
        );
      }
      const parameters: Array<{ key: string; value: unknown }> =
        input.parameters ?? [];
      const identityCenter = [...state.enabledBaselines.values()].find(
        b => baselineNameOf(b.baselineIdentifier) === 'IdentityCenterBaseline',
      );
      const given = parameters.find(
        p => p.key === 'IdentityCenterEnabledBaselineArn',
      );
      if (identityCenter && given?.value !== identityCenter.arn) {
        throw validation(
          `The landing zone has the Identity Center baseline: pass its enabled baseline ARN as the parameter IdentityCenterEnabledBaselineArn (${identityCenter.arn}).`,
        );
      }
      const baseline: EnabledBaselineRecord = {
        arn: enabledBaselineArn(state, region),
        baselineIdentifier: input.baselineIdentifier,
        baselineVersion: input.baselineVersion,
        targetIdentifier: ou.arn,
        status: 'UNDER_CHANGE',
        lastOperationIdentifier: '',
        parameters,
        enrolledAccountIds: new Set(),
      };
      state.enabledBaselines.set(baseline.arn, baseline);
      const operation = startBaselineOperation(
        ctx,
        'ENABLE_BASELINE',
        baseline,
        () => {
          for (const account of state.accountsUnder(ou.id)) {
            baseline.enrolledAccountIds.add(account.id);
          }
        },
      );
      return {
        operationIdentifier: operation.operationIdentifier,
        arn: baseline.arn,
      };
    },

    ResetEnabledBaseline: (ctx, input) => {
      const { state } = ctx;
      const baseline = state.enabledBaselines.get(
        input.enabledBaselineIdentifier,
      );
      if (!baseline) {
        throw notFound(
          `Enabled baseline ${input.enabledBaselineIdentifier} does not exist.`,
        );
      }
      if (baseline.status === 'UNDER_CHANGE') {
        throw new AwsError(
          'ConflictException',
          'An operation on this baseline is in progress.',
          {
            status: 409,
          },
        );
      }
      const ou = [...state.ous.values()].find(
        o => o.arn === baseline.targetIdentifier,
      )!;
      const operation = startBaselineOperation(
        ctx,
        'RESET_ENABLED_BASELINE',
        baseline,
        () => {
          for (const account of state.accountsUnder(ou.id)) {
            baseline.enrolledAccountIds.add(account.id);
          }
        },
      );
      return { operationIdentifier: operation.operationIdentifier };
    },

    GetEnabledBaseline: (ctx, input) => {
      const { state } = ctx;
      const baseline = state.enabledBaselines.get(
        input.enabledBaselineIdentifier,
      );
      if (baseline) {
        return {
          enabledBaselineDetails: {
            ...details(state, baseline),
            parameters: baseline.parameters,
          },
        };
      }
      // An account's own (child) enabled baseline.
      const child = childBaselines(ctx).find(
        c => c.arn === input.enabledBaselineIdentifier,
      );
      if (!child) {
        throw notFound(
          `Enabled baseline ${input.enabledBaselineIdentifier} does not exist.`,
        );
      }
      return { enabledBaselineDetails: { ...child, parameters: [] } };
    },

    ListEnabledBaselines: (ctx, input) => {
      const { state } = ctx;
      const filter = input.filter ?? {};
      const among = (values: string[] | undefined, value: string | undefined) =>
        !values || (value !== undefined && values.includes(value));
      // Accounts' baselines only when asked for (includeChildren).
      const items = [
        ...[...state.enabledBaselines.values()].map(b => details(state, b)),
        ...(input.includeChildren === true ? childBaselines(ctx) : []),
      ].filter(
        b =>
          among(filter.targetIdentifiers, b.targetIdentifier) &&
          among(filter.baselineIdentifiers, b.baselineIdentifier) &&
          among(
            filter.parentIdentifiers,
            (b as { parentIdentifier?: string }).parentIdentifier,
          ) &&
          among(filter.statuses, b.statusSummary.status) &&
          among(
            filter.inheritanceDriftStatuses,
            b.driftStatusSummary.types.inheritance.status,
          ),
      );
      const { page, nextToken } = paginate(
        items,
        input.maxResults,
        input.nextToken,
        { max: 100, default: 100 },
        () => validation('nextToken is not valid.'),
      );
      return { enabledBaselines: page, nextToken };
    },

    GetBaselineOperation: ({ state }, input) => {
      const operation = state.baselineOperations.get(input.operationIdentifier);
      if (!operation) {
        throw notFound(
          `Operation ${input.operationIdentifier} does not exist.`,
        );
      }
      return { baselineOperation: operation };
    },
  };
}
