import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { MlEnvironmentsActionDeps } from './deps';
import { projectInput, registerReadAction } from './readAction';

/**
 * "Project cost": what GET /projects/{project}/cost answers, with its
 * authority (owner group and administrators with project.read on the
 * record); the tool is listed to whoever may read the status.
 */
export function registerGetProjectCostAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'get-ml-project-cost',
    title: 'ML environments: project cost',
    description:
      "An ML project's month-to-date AWS cost (UTC) from Cost Explorer: per recorded account and per day, and for a sandbox its spending limit, forecast and share used. Only members of the project's owner group and administrators may read it.",
    schema: {
      input: projectInput,
      output: z =>
        z.object({
          project: z.string(),
          currency: z.string(),
          monthToDate: z.object({
            total: z.number(),
            byAccount: z.array(
              z.object({
                accountId: z.string(),
                stage: z.string(),
                amount: z.number(),
              }),
            ),
          }),
          daily: z.array(z.object({ date: z.string(), amount: z.number() })),
          budget: z
            .object({
              limit: z.number(),
              forecast: z.number(),
              percentUsed: z.number(),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await deps.cost.cost(credentials, input.project),
    }),
  });
}
