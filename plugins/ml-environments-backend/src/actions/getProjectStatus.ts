import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { MlEnvironmentsActionDeps, problemsOf } from './deps';
import { projectInput, registerReadAction } from './readAction';

/** "Project status": a project's accounts and what keeps each from ok. */
export function registerGetProjectStatusAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'get-ml-project-status',
    title: 'ML environments: project status',
    description:
      "An ML project's AWS accounts by stage, each with its OU, its guardrail state and, for each guardrail that does not hold, why. The owner comes from the suite's record of the project.",
    schema: {
      input: projectInput,
      output: z =>
        z.object({
          project: z.string(),
          pattern: z.string().optional(),
          owner: z.string().optional(),
          takenAt: z.string(),
          accounts: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              stage: z.string().optional(),
              ouPath: z.string(),
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
        }),
    },
    action: async ({ input, credentials }) => {
      const record = await deps.projects.authorizeStatusRead(
        credentials,
        input.project,
      );
      const layout = await deps.status.project(input.project, record?.accounts);
      return {
        output: {
          project: layout.project,
          pattern: record?.pattern ?? layout.pattern,
          owner: record?.owner,
          takenAt: layout.takenAt,
          accounts: layout.accounts.map(a => ({
            id: a.id,
            name: a.name,
            stage: a.stage,
            ouPath: a.ouPath,
            state: a.state,
            problems: problemsOf(a.guardrails),
          })),
        },
      };
    },
  });
}
