import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { mlOrganizationChangePermission } from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsActionDeps, requirePermission } from './deps';
import { registerReadAction } from './readAction';

/** "Would this product template launch in that OU": POST /products/check. */
export function registerCheckProductTemplateAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'check-product-template',
    title: 'ML environments: would a product template launch in an OU',
    description:
      "Whether the service control policies from the root down to an OU let CloudFormation create a CloudFormation template's resources (launched as the suite's member-account role), judged on the latest snapshot without calling AWS. Each denied call names its SCP and statement; calls the suite does not model, or whose values the template leaves to parameters without defaults, are unknown and do not block. Administrators only (ml-environments.organization.change).",
    visibilityPermission: mlOrganizationChangePermission,
    schema: {
      input: z =>
        z.object({
          template: z
            .object({
              Parameters: z
                .record(z.record(z.unknown()))
                .optional()
                .describe("The template's parameters"),
              Resources: z
                .record(
                  z
                    .object({
                      Type: z.string(),
                      Properties: z.record(z.unknown()).optional(),
                    })
                    .passthrough(),
                )
                .refine(
                  resources => {
                    const count = Object.keys(resources).length;
                    return count >= 1 && count <= 500;
                  },
                  { message: 'a template has 1 to 500 resources' },
                )
                .describe('Resources by logical id'),
            })
            .passthrough()
            .describe(
              'A CloudFormation template as JSON (short forms such as !Ref written out as Ref and Fn:: keys)',
            ),
          targetOu: z
            .string()
            .min(1)
            .max(700)
            .describe(
              'The OU path from the root, e.g. Workloads/Workloads_Dev',
            ),
        }),
      output: z =>
        z.object({
          allowed: z
            .boolean()
            .describe('False when any call is denied; unknown does not block'),
          findings: z.array(
            z.object({
              resource: z.string(),
              action: z.string(),
              decision: z.enum(['denied', 'unknown']),
              policy: z.string().optional(),
              statement: z.string().optional(),
              reason: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requirePermission(
        deps,
        credentials,
        mlOrganizationChangePermission,
      );
      return {
        output: await deps.products.check(input.template, input.targetOu),
      };
    },
  });
}
