import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  OrganizationNode,
  mlEnvironmentsStatusReadPermission,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlEnvironmentsActionDeps,
  problemsOf,
  requirePermission,
} from './deps';
import { registerReadAction } from './readAction';

function flatten(node: OrganizationNode): OrganizationNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

/** "Organization status": each OU's state and every account that is not ok. */
export function registerGetOrganizationStatusAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'get-organization-status',
    title: 'ML environments: organization status',
    description:
      "The AWS organization's guardrail status from the latest snapshot: each OU with its state (ok, missing, drifted, non-compliant, unknown) and the guardrails it lacks, and every account whose guardrails do not all hold.",
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          organizationId: z.string(),
          takenAt: z.string(),
          state: z.string(),
          accounts: z.number().describe('Accounts in the organization'),
          ous: z.array(
            z.object({
              path: z.string(),
              state: z.string(),
              problems: z.array(
                z.object({
                  guardrail: z.string(),
                  state: z.string(),
                  reason: z.string(),
                }),
              ),
            }),
          ),
          accountsNeedingAttention: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              ouPath: z.string(),
              project: z.string().optional(),
              state: z.string(),
            }),
          ),
        }),
    },
    action: async ({ credentials }) => {
      await requirePermission(
        deps,
        credentials,
        mlEnvironmentsStatusReadPermission,
      );
      const record = await deps.records.organizationViewRecord();
      const view = await deps.status.organization(
        record.owners,
        record.accounts,
      );
      const ous = flatten(view.root);
      const accounts = ous.flatMap(ou => ou.accounts);
      return {
        output: {
          organizationId: view.organizationId,
          takenAt: view.takenAt,
          state: view.root.state,
          accounts: accounts.length,
          ous: ous.map(ou => ({
            path: ou.path || 'Root',
            state: ou.state,
            problems: problemsOf(ou.guardrails),
          })),
          accountsNeedingAttention: accounts
            .filter(a => a.state !== 'ok')
            .map(a => ({
              id: a.id,
              name: a.name,
              ouPath: a.ouPath,
              project: a.project,
              state: a.state,
            })),
        },
      };
    },
  });
}
