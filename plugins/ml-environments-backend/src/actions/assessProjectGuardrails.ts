import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PROJECT_NAME_PATTERN,
  mlEnvironmentsStatusReadPermission,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsActionDeps, READ_ONLY } from './deps';

const decision = (z: any) => z.enum(['allowed', 'denied', 'unknown']);

/** "Assess guardrails": GET /projects/{project}/guardrails/assessment. */
export function registerAssessProjectGuardrailsAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registry.register({
    name: 'assess-ml-project-guardrails',
    title: "ML environments: assess a project's guardrails",
    description:
      "The AWS guide's SCP effectiveness test for an ML project: in each of its recorded accounts, the calls a data scientist would make (deploy a real-time endpoint, train without VPC or KMS keys, a notebook with internet access, an unapproved instance type, untagged resources, public S3…) judged against the account's service control policies in the latest snapshot, each allowed, denied or unknown (saying why) with the deciding SCP and statement, and whether that is what the guardrails of the account's OU intend. Read-only, no AWS call. Needs ml-environments.project.read on the project's record.",
    // Listed only to those who may read the status, like the other reads.
    visibilityPermission: mlEnvironmentsStatusReadPermission,
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          project: z
            .string()
            .regex(new RegExp(PROJECT_NAME_PATTERN))
            .describe('The project name, e.g. churn-prediction'),
        }),
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
