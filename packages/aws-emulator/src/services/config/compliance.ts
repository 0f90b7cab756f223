/**
 * AWS Config rule compliance as the handlers in index.ts report it: an
 * account's deployed rules, their compliance computed from the recorded
 * evaluations, the Control Tower aggregator check, and the recording of a
 * new evaluation (with its compliance-change event).
 */
import { AwsError } from '../../errors.ts';
import type { ConfigEvaluation, EmulatorState } from '../../state.ts';
import { emitComplianceChange } from '../../events.ts';
import { CONTROL_CATALOG, configRuleName } from '../controltower/index.ts';

export const CONTROL_TOWER_AGGREGATOR =
  'aws-controltower-ConfigAggregatorForOrganizations';

type RuleCompliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA';

export function evaluationsOf(
  state: EmulatorState,
  accountId: string,
  ruleName: string,
) {
  return state.configEvaluations.filter(
    e => e.accountId === accountId && e.ruleName === ruleName,
  );
}

export function ruleCompliance(
  state: EmulatorState,
  accountId: string,
  ruleName: string,
) {
  const evaluations = evaluationsOf(state, accountId, ruleName);
  const nonCompliant = evaluations.filter(
    e => e.complianceType === 'NON_COMPLIANT',
  ).length;
  let type: RuleCompliance = 'INSUFFICIENT_DATA';
  if (nonCompliant > 0) {
    type = 'NON_COMPLIANT';
  } else if (evaluations.some(e => e.complianceType === 'COMPLIANT')) {
    type = 'COMPLIANT';
  }
  return {
    ComplianceType: type,
    ComplianceContributorCount:
      type === 'NON_COMPLIANT'
        ? { CappedCount: nonCompliant, CapExceeded: false }
        : undefined,
  };
}

export function rulesIn(state: EmulatorState, accountId: string) {
  return [...(state.configRules.get(accountId) ?? [])].sort();
}

/** An evaluation as AWS Config's EvaluationResult shape. */
export function evaluationResult(e: ConfigEvaluation) {
  return {
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: {
        ConfigRuleName: e.ruleName,
        ResourceType: e.resourceType,
        ResourceId: e.resourceId,
      },
      OrderingTimestamp: e.recordedAt,
    },
    ComplianceType: e.complianceType,
    ResultRecordedTime: e.recordedAt,
    ConfigRuleInvokedTime: e.recordedAt,
  };
}

/**
 * Control Tower's aggregator exists only under its name and only for the
 * management account (where Control Tower made it); anything else is AWS's
 * "no such aggregator".
 */
export function requireControlTowerAggregator(
  state: EmulatorState,
  caller: { accountId: string },
  name: string | undefined,
) {
  if (
    name !== CONTROL_TOWER_AGGREGATOR ||
    caller.accountId !== state.managementAccountId
  ) {
    throw new AwsError(
      'NoSuchConfigurationAggregatorException',
      `You have specified an aggregator that does not exist: ${name}.`,
    );
  }
}

/**
 * A resource's evaluation by a control's Config rule changes, as when someone
 * makes a bucket public (POST /_emulator/compliance): recorded, and the
 * rule's compliance change emitted as AWS Config does.
 */
export function recordEvaluation(
  state: EmulatorState,
  change: {
    accountId: string;
    control: string;
    resourceId: string;
    compliance: ConfigEvaluation['complianceType'];
    region?: string;
  },
) {
  const ruleName = configRuleName(change.control);
  if (!state.configRules.get(change.accountId)?.has(ruleName)) {
    throw new AwsError(
      'NoSuchConfigRuleException',
      `No Config rule ${ruleName} in account ${change.accountId}: enable the control on its OU first.`,
    );
  }
  const before = ruleCompliance(
    state,
    change.accountId,
    ruleName,
  ).ComplianceType;
  const existing = state.configEvaluations.find(
    e =>
      e.accountId === change.accountId &&
      e.ruleName === ruleName &&
      e.resourceId === change.resourceId,
  );
  const evaluation: ConfigEvaluation = existing ?? {
    accountId: change.accountId,
    ruleName,
    resourceType:
      CONTROL_CATALOG[change.control]?.resourceType ?? 'AWS::S3::Bucket',
    resourceId: change.resourceId,
    complianceType: change.compliance,
    recordedAt: new Date(),
  };
  evaluation.complianceType = change.compliance;
  evaluation.recordedAt = new Date();
  if (!existing) state.configEvaluations.push(evaluation);
  const after = ruleCompliance(
    state,
    change.accountId,
    ruleName,
  ).ComplianceType;
  emitComplianceChange(state, {
    accountId: change.accountId,
    region: change.region ?? 'us-east-1',
    configRuleName: ruleName,
    resourceType: evaluation.resourceType,
    resourceId: evaluation.resourceId,
    newCompliance: change.compliance,
  });
  return { ruleName, before, after };
}
