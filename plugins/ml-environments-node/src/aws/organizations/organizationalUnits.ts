import {
  CreateOrganizationalUnitCommand,
  DuplicateOrganizationalUnitException,
  OrganizationalUnit,
  OrganizationsClient,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { InputError } from '@backstage/errors';
import { parseOuPath } from '@mlgov/plugin-ml-environments-common';
import { DRY_RUN_ID, ProvisioningStep } from '../step';
import { getRootId } from './root';

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
    if (match) return match;
  }
  return undefined;
}

function namesOf(path: string) {
  const parsed = parseOuPath(path);
  if (!parsed.ok) throw new InputError(parsed.message);
  return parsed.names;
}

/** The OU at a path below the root, or undefined when some part is missing. */
export async function findOu(
  client: OrganizationsClient,
  path: string,
): Promise<OrganizationalUnit | undefined> {
  let parentId = await getRootId(client);
  let ou: OrganizationalUnit | undefined;
  for (const name of namesOf(path)) {
    ou = await findChildOu(client, parentId, name);
    if (!ou) return undefined;
    parentId = ou.Id!;
  }
  return ou;
}

/** Creates the OUs missing from a path; a dry run only reports them. */
export async function ensureOuPath(
  client: OrganizationsClient,
  path: string,
  step: ProvisioningStep,
): Promise<{ id: string; arn: string }> {
  const names = namesOf(path);
  let parentId = await getRootId(client);
  let ou: OrganizationalUnit | undefined;
  for (const [index, name] of names.entries()) {
    const pathSoFar = names.slice(0, index + 1).join('/');
    ou = await findChildOu(client, parentId, name);
    if (ou) {
      step.logger.info(`OU ${pathSoFar} exists: ${ou.Id}`);
    } else if (step.isDryRun) {
      step.logger.info(`Dry run: would create OU ${pathSoFar}`);
      return { id: DRY_RUN_ID, arn: DRY_RUN_ID };
    } else {
      ou = await createChildOu(client, parentId, name);
      step.logger.info(`Created OU ${pathSoFar}: ${ou.Id}`);
    }
    parentId = ou.Id!;
  }
  return { id: ou!.Id!, arn: ou!.Arn! };
}

async function createChildOu(
  client: OrganizationsClient,
  parentId: string,
  name: string,
) {
  try {
    const { OrganizationalUnit: created } = await client.send(
      new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }),
    );
    return created!;
  } catch (error) {
    // Another run created it between our look-up and our create: use theirs.
    if (error instanceof DuplicateOrganizationalUnitException) {
      const existing = await findChildOu(client, parentId, name);
      if (existing) return existing;
    }
    throw error;
  }
}
