import {
  BudgetsClient,
  CreateBudgetCommand,
  DescribeBudgetCommand,
  DescribeBudgetsCommand,
  DuplicateRecordException,
  NotFoundException,
} from '@aws-sdk/client-budgets';
import { ProvisioningStep } from './step';

export interface BudgetRequest {
  accountId: string;
  name: string;
  limitUsd: number;
  alertEmail: string;
  thresholdPercent: number;
}

/** Creates a monthly cost budget with an email alert, unless it exists. */
export async function ensureBudget(
  client: BudgetsClient,
  request: BudgetRequest,
  step: ProvisioningStep,
) {
  try {
    await client.send(
      new DescribeBudgetCommand({
        AccountId: request.accountId,
        BudgetName: request.name,
      }),
    );
    step.logger.info(`Budget ${request.name} exists in ${request.accountId}`);
    return;
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would create budget ${request.name} of ${request.limitUsd} USD a month in ${request.accountId}, alerting ${request.alertEmail} at ${request.thresholdPercent}%`,
    );
    return;
  }
  try {
    await createBudget(client, request);
  } catch (error) {
    // A retried call whose first answer was lost finds the budget made.
    if (!(error instanceof DuplicateRecordException)) throw error;
    step.logger.info(
      `Budget ${request.name} was created by an earlier call whose answer was lost`,
    );
    return;
  }
  step.logger.info(`Created budget ${request.name} in ${request.accountId}`);
}

function createBudget(client: BudgetsClient, request: BudgetRequest) {
  return client.send(
    new CreateBudgetCommand({
      AccountId: request.accountId,
      Budget: {
        BudgetName: request.name,
        BudgetLimit: { Amount: String(request.limitUsd), Unit: 'USD' },
        TimeUnit: 'MONTHLY',
        BudgetType: 'COST',
      },
      NotificationsWithSubscribers: [
        {
          Notification: {
            NotificationType: 'ACTUAL',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: request.thresholdPercent,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: [
            { SubscriptionType: 'EMAIL', Address: request.alertEmail },
          ],
        },
      ],
    }),
  );
}

/**
 * Reads one budget of the account, to find out before any change whether
 * AWS Budgets answers (endpoint, budgets:ViewBudget); throws its error.
 *
 * @public
 */
export async function readAnyBudget(
  client: BudgetsClient,
  accountId: string,
): Promise<void> {
  await client.send(
    new DescribeBudgetsCommand({ AccountId: accountId, MaxResults: 1 }),
  );
}
