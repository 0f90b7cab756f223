import { AwsError } from '../../errors.ts';
import { type Handlers, paginate } from '../../context.ts';
import {
  evaluationResult,
  evaluationsOf,
  requireControlTowerAggregator,
  ruleCompliance,
  rulesIn,
} from './compliance.ts';

export { CONTROL_TOWER_AGGREGATOR, recordEvaluation } from './compliance.ts';

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
