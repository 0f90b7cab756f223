// The demo organization (seeds/demo.yaml) for a test file that reads it as
// the management account and as a project account's member.
import { resolve } from 'node:path';
import {
  BudgetsClient,
  CreateBudgetCommand,
  DescribeBudgetCommand,
} from '@aws-sdk/client-budgets';
import { readSeedFile } from '../seed.ts';
import type { RunningEmulator } from '../server.ts';
import { MANAGEMENT_KEY, clientConfig, startTestEmulator } from './emulator.ts';

/** An access key acting in the demo's churn-prediction-dev account. */
export const MEMBER_KEY = 'member-key';

/**
 * Starts the demo organization once before the file's tests and closes it
 * after them; the tests read `.emulator` of the answer.
 */
export function demoEmulatorForFile(): { emulator: RunningEmulator } {
  const env = {} as { emulator: RunningEmulator };
  beforeAll(async () => {
    ({ emulator: env.emulator } = await startTestEmulator({
      seed: {
        ...readSeedFile(resolve(__dirname, '../../seeds/demo.yaml')),
        accessKeys: {
          [MANAGEMENT_KEY]: 'Management',
          [MEMBER_KEY]: 'churn-prediction-dev',
        },
      },
    }));
  });
  afterAll(() => env.emulator.close());
  return env;
}

/**
 * Makes a COST budget in the member's account (MEMBER_KEY) and answers it
 * as DescribeBudget shows it, with its calculated spend.
 */
export async function memberCostBudget(
  emulator: RunningEmulator,
  accountId: string,
  name: string,
  timeUnit: 'MONTHLY' | 'QUARTERLY' | 'ANNUALLY',
  amount: string,
) {
  const budgets = new BudgetsClient(clientConfig(emulator, MEMBER_KEY));
  await budgets.send(
    new CreateBudgetCommand({
      AccountId: accountId,
      Budget: {
        BudgetName: name,
        BudgetType: 'COST',
        TimeUnit: timeUnit,
        BudgetLimit: { Amount: amount, Unit: 'USD' },
      },
    }),
  );
  const { Budget } = await budgets.send(
    new DescribeBudgetCommand({ AccountId: accountId, BudgetName: name }),
  );
  return Budget;
}
