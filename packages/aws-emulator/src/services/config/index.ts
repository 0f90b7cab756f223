import { AwsError } from '../../errors.ts';
import { type Handlers, paginate } from '../../context.ts';
import type { ConfigEvaluation, EmulatorState } from '../../state.ts';
import { emitComplianceChange } from '../../events.ts';
import { CONTROL_CATALOG, configRuleName } from '../controltower/index.ts';

export const CONTROL_TOWER_AGGREGATOR =
  'aws-controltower-ConfigAggregatorForOrganizations';

type RuleCompliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA';

function evaluationsOf(
  state: EmulatorState,
  accountId: string,
  ruleName: string,
) {
  return state.configEvaluations.filter(
    e => e.accountId === accountId && e.ruleName === ruleName,
  );
}

function ruleCompliance(
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

function rulesIn(state: EmulatorState, accountId: string) {
  return [...(state.configRules.get(accountId) ?? [])].sort();
}

/** An evaluation as AWS Config's EvaluationResult shape. */
function evaluationResult(e: ConfigEvaluation) {
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
function requireControlTowerAggregator(
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

const invalidToken = () =>
  new AwsError(
    'InvalidNextTokenException',
    'The specified next token is invalid.',
  );

/** None of the operations below changes state. */
export const configMutations: ReadonlySet<string> = new Set();

export function configHandlers(): Handlers {
  return {
    DescribeComplianceByConfigRule: ({ state, caller }, input) => {
      const deployed = rulesIn(state, caller.accountId);
      const names: string[] = input.ConfigRuleNames?.length
        ? input.ConfigRuleNames
        : deployed;
      const missing = names.find(name => !deployed.includes(name));
      if (missing) {
        throw new AwsError(
          'NoSuchConfigRuleException',
          `The ConfigRule '${missing}' provided in the request is invalid.`,
        );
      }
      const results = names
        .map(name => ({
          ConfigRuleName: name,
          Compliance: ruleCompliance(state, caller.accountId, name),
        }))
        .filter(
          r =>
            !input.ComplianceTypes?.length ||
            input.ComplianceTypes.includes(r.Compliance.ComplianceType),
        );
      const { page, nextToken } = paginate(
        results,
        undefined,
        input.NextToken,
        { max: 25 },
        invalidToken,
      );
      return { ComplianceByConfigRules: page, NextToken: nextToken };
    },

    GetComplianceDetailsByConfigRule: ({ state, caller }, input) => {
      if (!input.ConfigRuleName) {
        throw new AwsError(
          'InvalidParameterValueException',
          'ConfigRuleName is required.',
        );
      }
      if (!rulesIn(state, caller.accountId).includes(input.ConfigRuleName)) {
        throw new AwsError(
          'NoSuchConfigRuleException',
          `The ConfigRule '${input.ConfigRuleName}' provided in the request is invalid.`,
        );
      }
      if (input.Limit !== undefined && (input.Limit < 0 || input.Limit > 100)) {
        throw new AwsError(
          'InvalidParameterValueException',
          'Limit must be between 0 and 100.',
        );
      }
      const results = evaluationsOf(
        state,
        caller.accountId,
        input.ConfigRuleName,
      )
        .filter(
          e =>
            !input.ComplianceTypes?.length ||
            input.ComplianceTypes.includes(e.complianceType),
        )
        .map(evaluationResult);
      const { page, nextToken } = paginate(
        results,
        input.Limit || undefined,
        input.NextToken,
        { max: 100, default: 10 },
        invalidToken,
      );
      return { EvaluationResults: page, NextToken: nextToken };
    },

    DescribeAggregateComplianceByConfigRules: (
      { state, caller, region },
      input,
    ) => {
      requireControlTowerAggregator(
        state,
        caller,
        input.ConfigurationAggregatorName,
      );
      if (
        input.Limit !== undefined &&
        (input.Limit < 0 || input.Limit > 1000)
      ) {
        throw new AwsError(
          'ValidationException',
          'Limit must be between 0 and 1000.',
        );
      }
      const filters = input.Filters ?? {};
      const results = [...state.configRules.entries()]
        .flatMap(([accountId, rules]) =>
          [...rules].sort().map(rule => ({
            ConfigRuleName: rule,
            Compliance: ruleCompliance(state, accountId, rule),
            AccountId: accountId,
            AwsRegion: region,
          })),
        )
        .filter(
          r =>
            (!filters.ConfigRuleName ||
              r.ConfigRuleName === filters.ConfigRuleName) &&
            (!filters.ComplianceType ||
              r.Compliance.ComplianceType === filters.ComplianceType) &&
            (!filters.AccountId || r.AccountId === filters.AccountId) &&
            (!filters.AwsRegion || r.AwsRegion === filters.AwsRegion),
        );
      const { page, nextToken } = paginate(
        results,
        input.Limit || undefined,
        input.NextToken,
        { max: 1000, default: 1000 },
        invalidToken,
      );
      return { AggregateComplianceByConfigRules: page, NextToken: nextToken };
    },

    // One rule's per-resource results in one account, through the aggregator.
    GetAggregateComplianceDetailsByConfigRule: (
      { state, caller, region },
      input,
    ) => {
      requireControlTowerAggregator(
        state,
        caller,
        input.ConfigurationAggregatorName,
      );
      if (
        input.ComplianceType !== undefined &&
        !['COMPLIANT', 'NON_COMPLIANT'].includes(input.ComplianceType)
      ) {
        throw new AwsError(
          'ValidationException',
          'ComplianceType must be COMPLIANT or NON_COMPLIANT.',
        );
      }
      if (input.Limit !== undefined && (input.Limit < 0 || input.Limit > 100)) {
        throw new AwsError(
          'InvalidLimitException',
          'Limit must be between 0 and 100.',
        );
      }
      const results = (
        input.AwsRegion === region
          ? evaluationsOf(state, input.AccountId, input.ConfigRuleName)
          : []
      )
        .filter(
          e =>
            !input.ComplianceType || e.complianceType === input.ComplianceType,
        )
        .map(e => ({
          ...evaluationResult(e),
          AccountId: e.accountId,
          AwsRegion: region,
        }));
      const { page, nextToken } = paginate(
        results,
        input.Limit || undefined,
        input.NextToken,
        { max: 100, default: 50 },
        invalidToken,
      );
      return { AggregateEvaluationResults: page, NextToken: nextToken };
    },
  };
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
