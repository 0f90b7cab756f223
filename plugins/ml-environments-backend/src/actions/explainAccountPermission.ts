import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ACCOUNT_ID_PATTERN,
  mlEnvironmentsStatusReadPermission,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsActionDeps, requirePermission } from './deps';
import { registerReadAction } from './readAction';

/** "Can account X do action Y, and why": the SCPs' decision, explained. */
export function registerExplainAccountPermissionAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'explain-ml-account-permission',
    title: 'ML environments: can an account do an action, and why',
    description:
      "Whether the service control policies on an AWS account's path (root, OUs, account) allow an IAM action, and which policy and statement decided. SCPs only: IAM policies in the account can still deny what they allow.",
    schema: {
      input: z =>
        z.object({
          accountId: z
            .string()
            .regex(new RegExp(ACCOUNT_ID_PATTERN))
            .describe('The 12-digit AWS account id'),
          action: z
            .string()
            .regex(/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/)
            .describe('An IAM action, e.g. sagemaker:CreateEndpoint'),
          resource: z
            .string()
            .max(2048)
            .optional()
            .describe('The resource ARN; any resource (*) when left out'),
          context: z
            .record(z.union([z.string(), z.boolean(), z.array(z.string())]))
            .optional()
            .describe(
              'Condition keys of the request, e.g. aws:RequestTag/cost-center; keys left out that a policy tests make its answer unknown or denied',
            ),
        }),
      output: z =>
        z.object({
          decision: z.enum(['allowed', 'denied', 'unknown']),
          explanation: z.string(),
          decidedBy: z
            .object({
              level: z.string(),
              policy: z.string(),
              statement: z.string(),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requirePermission(
        deps,
        credentials,
        mlEnvironmentsStatusReadPermission,
      );
      const [decision] = await deps.status.evaluate(
        input.accountId,
        [input.action],
        input.context ?? {},
        input.resource ?? '*',
      );
      return {
        output: {
          decision: decision.decision,
          explanation: decision.explanation,
          decidedBy: decision.decidedBy,
        },
      };
    },
  });
}
