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
import { allPages } from '../../pages';
import { getRootId } from './root';

async function listChildOus(
  client: OrganizationsClient,
  parentId: string,
): Promise<OrganizationalUnit[]> {
  // Pages may be empty while more follow, so walk them all.
  return allPages(
    paginateListOrganizationalUnitsForParent(
      { client },
      { ParentId: parentId },
    ),
    page => page.OrganizationalUnits,
  );
}

async function findChildOu(
  client: OrganizationsClient,
  parentId: string,
  name: string,
): Promise<OrganizationalUnit | undefined> {
  return (await listChildOus(client, parentId)).find(ou => ou.Name === name);
}

function namesOf(path: string) {
  const parsed = parseOuPath(path);
  if (!parsed.ok) throw new InputError(parsed.message);
  return parsed.names;
}

/**
 * The OU look-ups and creations of one run: each parent's children are read
 * once however many planned paths share it, and sibling paths side by side.
 * A missing OU is not remembered, so that a later ensure creates it.
 *
 * @public
 */
export class OuResolver {
  private readonly children = new Map<string, Promise<OrganizationalUnit[]>>();
  private readonly ensured = new Map<
    string,
    Promise<{ id: string; arn: string }>
  >();

  constructor(private readonly client: OrganizationsClient) {}

  /** The OU at a path below the root, or undefined when some part is missing. */
  async find(path: string): Promise<OrganizationalUnit | undefined> {
    const names = namesOf(path);
    const parentId =
      names.length === 1
        ? await getRootId(this.client)
        : (await this.find(names.slice(0, -1).join('/')))?.Id;
    if (!parentId) return undefined;
    return (await this.childrenOf(parentId)).find(
      ou => ou.Name === names[names.length - 1],
    );
  }

  /** Creates the OUs missing from a path; a dry run only reports them. */
  ensure(
    path: string,
    step: ProvisioningStep,
  ): Promise<{ id: string; arn: string }> {
    const key = namesOf(path).join('/');
    if (!this.ensured.has(key)) {
      const ensuring = this.ensureOnce(key, step);
      ensuring.catch(() => this.ensured.delete(key));
      this.ensured.set(key, ensuring);
    }
    return this.ensured.get(key)!;
  }

  private async ensureOnce(
    path: string,
    step: ProvisioningStep,
  ): Promise<{ id: string; arn: string }> {
    const names = namesOf(path);
    const parent =
      names.length === 1
        ? { id: await getRootId(this.client), arn: '' }
        : await this.ensure(names.slice(0, -1).join('/'), step);
    if (parent.id === DRY_RUN_ID) return parent;
    const name = names[names.length - 1];
    let ou = (await this.childrenOf(parent.id)).find(o => o.Name === name);
    if (ou) {
      step.logger.info(`OU ${path} exists: ${ou.Id}`);
    } else if (step.isDryRun) {
      step.logger.info(`Dry run: would create OU ${path}`);
      return { id: DRY_RUN_ID, arn: DRY_RUN_ID };
    } else {
      ou = await this.createChild(parent.id, name);
      step.logger.info(`Created OU ${path}: ${ou.Id}`);
    }
    return { id: ou.Id!, arn: ou.Arn! };
  }

  private childrenOf(parentId: string): Promise<OrganizationalUnit[]> {
    if (!this.children.has(parentId)) {
      const listed = listChildOus(this.client, parentId);
      listed.catch(() => this.children.delete(parentId));
      this.children.set(parentId, listed);
    }
    return this.children.get(parentId)!;
  }

  private async createChild(parentId: string, name: string) {
    const created = await createChildOu(this.client, parentId, name);
    (await this.childrenOf(parentId)).push(created);
    return created;
  }
}

/** The OU at a path below the root, or undefined when some part is missing. */
export async function findOu(
  client: OrganizationsClient,
  path: string,
): Promise<OrganizationalUnit | undefined> {
  return new OuResolver(client).find(path);
}

/** Creates the OUs missing from a path; a dry run only reports them. */
export async function ensureOuPath(
  client: OrganizationsClient,
  path: string,
  step: ProvisioningStep,
): Promise<{ id: string; arn: string }> {
  return new OuResolver(client).ensure(path, step);
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
