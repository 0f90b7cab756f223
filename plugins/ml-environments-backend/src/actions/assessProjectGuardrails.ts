import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { MlEnvironmentsActionDeps } from './deps';
import { projectInput, registerReadAction } from './readAction';

const decision = (z: any) => z.enum(['allowed', 'denied', 'unknown']);

/** "Assess guardrails": GET /projects/{project}/guardrails/assessment. */
export function registerAssessProjectGuardrailsAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'assess-ml-project-guardrails',
    title: "ML environments: assess a project's guardrails",
    description:
      "The AWS guide's SCP effectiveness test for an ML project: in each of its recorded accounts, the calls a data scientist would make (deploy a real-time endpoint, train without VPC or KMS keys, a notebook with internet access, an unapproved instance type, untagged resources, public S3…) judged against the account's service control policies in the latest snapshot, each allowed, denied or unknown (saying why) with the deciding SCP and statement, and whether that is what the guardrails of the account's OU intend. Read-only, no AWS call. Needs ml-environments.project.read on the project's record.",
    schema: {
      input: projectInput,
      output: z =>
        z.object({
          project: z.string(),
          takenAt: z.string(),
          accounts: z.array(
            z.object({
              accountId: z.string(),
              stage: z.string(),
              accountName: z.string().optional(),
              ouPath: z.string().optional(),
              problem: z.string().optional(),
              calls: z.array(
                z.object({
                  check: z.string(),
                  label: z.string(),
                  action: z.string(),
                  decision: decision(z),
                  expected: decision(z),
                  asIntended: z.boolean(),
                  policy: z.string().optional(),
                  statement: z.string().optional(),
                  expectedPolicy: z.string().optional(),
                  explanation: z.string(),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      // The service reads the record under project.read, as the route does.
      output: await deps.assessment.assess(credentials, input.project),
    }),
  });
}
