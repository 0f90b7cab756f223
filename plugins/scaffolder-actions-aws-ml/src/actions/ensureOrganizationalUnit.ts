import {
  CreateOrganizationalUnitCommand,
  DuplicateOrganizationalUnitException,
  ListRootsCommand,
  OrganizationalUnit,
  OrganizationsClient,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseOuPath } from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { examples } from './ensureOrganizationalUnit.examples';

async function findChildOu(
  client: OrganizationsClient,
  parentId: string,
  name: string,
): Promise<OrganizationalUnit | undefined> {
  // Pages may be empty while more follow, so walk them all.
  for await (const page of paginateListOrganizationalUnitsForParent(
    { client },
    { ParentId: parentId },
  )) {
    const match = page.OrganizationalUnits?.find(ou => ou.Name === name);
    if (match) {
      return match;
    }
  }
  return undefined;
}

async function getRootId(client: OrganizationsClient): Promise<string> {
  const { Roots } = await client.send(new ListRootsCommand({}));
  const rootId = Roots?.[0]?.Id;
  if (!rootId) {
    throw new Error(
      'The organization has no root; is AWS Organizations enabled?',
    );
  }
  return rootId;
}

/**
 * Makes sure an OU path exists below the organization's root, creating the
 * OUs that are missing. Running it again changes nothing.
 *
 * @public
 */
export function createEnsureOrganizationalUnitAction(options: {
  clients: Pick<MlAwsClients, 'organizations'>;
}) {
  const { clients } = options;

  return createTemplateAction({
    id: 'aws:organizations:ensureOrganizationalUnit',
    description:
      'Ensures an organizational unit path, such as Workloads/Workloads_Dev, exists below the root of the AWS organization, creating the OUs that are missing',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe(
              'OU names from the root down, separated by /, e.g. Workloads/Workloads_Dev',
            ),
      },
      output: {
        ouId: z => z.string().describe('Id of the last OU of the path'),
        ouArn: z => z.string().describe('ARN of the last OU of the path'),
      },
    },
    async handler(ctx) {
      const parsed = parseOuPath(ctx.input.path);
      if (!parsed.ok) {
        throw new InputError(parsed.message);
      }

      const client = await clients.organizations();
      let parentId = await getRootId(client);
      let ou: OrganizationalUnit | undefined;

      for (const [index, name] of parsed.names.entries()) {
        const pathSoFar = parsed.names.slice(0, index + 1).join('/');
        ou = await findChildOu(client, parentId, name);
        if (ou) {
          ctx.logger.info(`OU ${pathSoFar} exists: ${ou.Id}`);
        } else if (ctx.isDryRun) {
          ctx.logger.info(`Dry run: would create OU ${pathSoFar}`);
          ctx.output('ouId', 'ou-dryrun-00000000');
          ctx.output(
            'ouArn',
            `arn:aws:organizations::000000000000:ou/o-dryrun/ou-dryrun-00000000`,
          );
          return;
        } else {
          ou = await createChildOu(client, parentId, name);
          ctx.logger.info(`Created OU ${pathSoFar}: ${ou.Id}`);
        }
        parentId = ou.Id!;
      }

      ctx.output('ouId', ou!.Id!);
      ctx.output('ouArn', ou!.Arn!);
    },
  });
}

async function createChildOu(
  client: OrganizationsClient,
  parentId: string,
  name: string,
): Promise<OrganizationalUnit> {
  try {
    const { OrganizationalUnit: created } = await client.send(
      new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }),
    );
    return created!;
  } catch (error) {
    // Another run created it between our look-up and our create: use theirs.
    if (error instanceof DuplicateOrganizationalUnitException) {
      const existing = await findChildOu(client, parentId, name);
      if (existing) {
        return existing;
      }
    }
    throw error;
  }
}
