/**
 * Control Tower's baselines and OU registration: the baseline catalog, which
 * OUs are registered and which of their accounts are enrolled; split from
 * landingzone.ts, which keeps the API handlers and re-exports these.
 */
import { ids } from '../../ids.ts';
import type { EmulatorState, EnabledBaselineRecord } from '../../state.ts';

/**
 * Control Tower's landing zone and baselines: an OU is registered when the
 * AWSControlTowerBaseline is enabled on it, and its accounts are enrolled
 * when the baseline was (re)applied after they arrived. Baseline ids are the
 * documented ones [unverified]; versions are those of landing zone 3.3.
 */
export const BASELINES = {
  AWSControlTowerBaseline: { id: '17BSJV3IGJ2QSGA2', version: '4.0' },
  IdentityCenterBaseline: { id: 'LN25R72TTG6IGPTQ', version: '1.0' },
} as const;

export function baselineArn(region: string, name: keyof typeof BASELINES) {
  return `arn:aws:controltower:${region}::baseline/${BASELINES[name].id}`;
}

export const baselineNameOf = (arn: string) =>
  (Object.keys(BASELINES) as Array<keyof typeof BASELINES>).find(name =>
    arn.endsWith(`:baseline/${BASELINES[name].id}`),
  );

/** The OU's enabled AWSControlTowerBaseline, when it is registered. */
export function registrationOf(state: EmulatorState, ouArn: string) {
  return [...state.enabledBaselines.values()].find(
    b =>
      b.targetIdentifier === ouArn &&
      baselineNameOf(b.baselineIdentifier) === 'AWSControlTowerBaseline',
  );
}

export function isRegistered(state: EmulatorState, ouArn: string) {
  return registrationOf(state, ouArn)?.status === 'SUCCEEDED';
}

/** Registers an OU at once (seeds): the baseline enabled, its accounts enrolled. */
export function registerOu(
  state: EmulatorState,
  region: string,
  ouId: string,
  parameters: EnabledBaselineRecord['parameters'] = [],
) {
  const ou = state.ous.get(ouId)!;
  const arn = enabledBaselineArn(state, region);
  state.enabledBaselines.set(arn, {
    arn,
    baselineIdentifier: baselineArn(region, 'AWSControlTowerBaseline'),
    baselineVersion: BASELINES.AWSControlTowerBaseline.version,
    targetIdentifier: ou.arn,
    status: 'SUCCEEDED',
    lastOperationIdentifier: ids.operation(),
    parameters,
    enrolledAccountIds: new Set(state.accountsUnder(ouId).map(a => a.id)),
  });
  return arn;
}

export function enabledBaselineArn(state: EmulatorState, region: string) {
  return `arn:aws:controltower:${region}:${
    state.managementAccountId
  }:enabledbaseline/${ids.randomEnabledControl()}`;
}

/** Accounts directly in the OU that the baseline has not been applied to. */
function unenrolled(state: EmulatorState, baseline: EnabledBaselineRecord) {
  const ou = [...state.ous.values()].find(
    o => o.arn === baseline.targetIdentifier,
  );
  if (!ou) return [];
  // An account Control Tower is auto-enrolling shows no drift.
  return [...state.accounts.values()].filter(
    a =>
      a.parentId === ou.id &&
      !baseline.enrolledAccountIds.has(a.id) &&
      state.autoEnrolments.get(a.id)?.baselineArn !== baseline.arn,
  );
}

export function details(state: EmulatorState, baseline: EnabledBaselineRecord) {
  return {
    arn: baseline.arn,
    baselineIdentifier: baseline.baselineIdentifier,
    baselineVersion: baseline.baselineVersion,
    targetIdentifier: baseline.targetIdentifier,
    statusSummary: {
      status: baseline.status,
      lastOperationIdentifier: baseline.lastOperationIdentifier,
    },
    driftStatusSummary: {
      types: {
        inheritance: {
          status:
            unenrolled(state, baseline).length > 0 ? 'DRIFTED' : 'IN_SYNC',
        },
      },
    },
  };
}
