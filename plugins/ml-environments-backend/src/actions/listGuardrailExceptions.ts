import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { MlEnvironmentsActionDeps } from './deps';
import { projectName, registerReadAction } from './readAction';

const STATES = ['pending', 'active', 'expired', 'rejected', 'revoked'] as const;

/** "Guardrail exceptions": which guardrails are lifted where, why and until when. */
export function registerListGuardrailExceptionsAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'list-ml-guardrail-exceptions',
    title: 'ML environments: guardrail exceptions',
    description:
      'Guardrail exceptions, newest first: which SCP guardrail is (or was) lifted for which account of which project, why, until when, who asked and who decided. Filter by project and by state (pending, active, expired, rejected, revoked).',
    schema: {
      input: z =>
        z.object({
          project: projectName(z)
            .optional()
            .describe('Only this project, e.g. churn-prediction'),
          state: z.enum(STATES).optional().describe('Only this state'),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              project: z.string(),
              accountId: z.string(),
              guardrailId: z.string(),
              state: z.string(),
              reason: z.string(),
              endsAt: z.string(),
              requestedBy: z.string(),
              decidedBy: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const items = await deps.exceptions.list(credentials, input);
      return {
        output: {
          items: items.map(e => ({
            id: e.id,
            project: e.project,
            accountId: e.accountId,
            guardrailId: e.guardrailId,
            state: e.state,
            reason: e.reason,
            endsAt: e.endsAt,
            requestedBy: e.requestedBy,
            decidedBy: e.decidedBy,
          })),
        },
      };
    },
  });
}
