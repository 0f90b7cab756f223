import { readProducts } from './snapshotProducts';
import {
  OrganizationsClient,
  paginateListPoliciesForTarget,
} from '@aws-sdk/client-organizations';
import { DescribeRecordCommand } from '@aws-sdk/client-service-catalog';
import {
  OrganizationSnapshot,
  SnapshotChange,
  SnapshotPatch,
  emptySnapshotPatch,
  ouIdOfArn,
} from '@mlgov/plugin-ml-environments-common';
import { SnapshotClients } from './snapshot';
import {
  readAccount,
  readCompliance,
  readPolicy,
  readRegistration,
  readTree,
  snapshotControlOf,
} from './snapshotReads';

/** AWS's asynchronous work still running, by the states its APIs report. */
const RUNNING = new Set(['IN_PROGRESS', 'CREATED', 'UNDER_CHANGE']);

/**
 * Reads again only the parts of the organization that changed: an account
 * (4 calls: itself, its parent, tags and the SCPs attached to it), a policy (2), one OU's controls (1), one account's compliance
 * (1) or products; the OU tree only when OUs changed. A change whose AWS
 * operation still runs is returned as unsettled, to be read again later.
 *
 * @public
 */
export async function readSnapshotChanges(
  clients: SnapshotClients,
  snapshot: OrganizationSnapshot,
  changes: SnapshotChange[],
): Promise<SnapshotPatch> {
  const patch = emptySnapshotPatch(new Date().toISOString());
  const org = await clients.organizations();
  const knownOus = new Set([snapshot.rootId, ...snapshot.ous.map(o => o.id)]);

  let ous = snapshot.ous;
  if (changes.some(c => c.kind === 'tree')) {
    const tree = await readTree(org, snapshot.rootId);
    patch.tree = tree;
    ous = tree.ous;
    // Accounts the snapshot did not know yet need their tags.
    const known = new Set(snapshot.accounts.map(a => a.id));
    for (const account of tree.accounts.filter(a => !known.has(a.id))) {
      changes.push({ kind: 'account', accountId: account.id });
    }
    await readOuChanges(org, snapshot, tree.ous, patch, changes);
  }

  for (const change of changes) {
    switch (change.kind) {
      case 'account': {
        const account = await readAccount(org, change.accountId);
        patch.accounts.push({ id: change.accountId, account });
        if (account) {
          // What decides its permissions: a new account comes with
          // FullAWSAccess attached directly, and nothing else says so.
          const policyIds = await readAttachedPolicyIds(org, change.accountId);
          patch.accountPolicies.push({
            accountId: change.accountId,
            policyIds,
          });
          for (const id of policyIds) {
            const known =
              snapshot.policies.some(p => p.id === id) ||
              patch.policies.some(p => p.id === id);
            if (!known) {
              patch.policies.push({ id, policy: await readPolicy(org, id) });
            }
          }
        }
        // An account in an OU the snapshot lacks: the tree changed too.
        if (account && !knownOus.has(account.parentId) && !patch.tree) {
          patch.tree = await readTree(org, snapshot.rootId);
        }
        break;
      }
      case 'policy':
        patch.policies.push({
          id: change.policyId,
          policy: await readPolicy(org, change.policyId),
        });
        break;
      case 'controls': {
        const controlTower = await clients.controlTower();
        if (change.operationId) {
          const operation = await controlTower.getControlOperation(
            change.operationId,
          );
          if (RUNNING.has(operation.status)) {
            patch.unsettled.push(change);
            break;
          }
        }
        const ouId = ouIdOfArn(change.ouArn);
        patch.controls.push({
          ouId,
          controls: (await controlTower.listEnabledControls(change.ouArn)).map(
            control => snapshotControlOf(control, ouId),
          ),
        });
        break;
      }
      case 'registration': {
        if (change.operationId) {
          const controlTower = await clients.controlTower();
          const operation = await controlTower.getBaselineOperation(
            change.operationId,
          );
          if (RUNNING.has(operation.status)) {
            patch.unsettled.push(change);
            break;
          }
        }
        const registration = await readRegistration(clients, ous);
        patch.registration = {
          landingZone: registration.landingZone,
          byOu: Object.fromEntries(
            [...registration.byOu].filter(
              (entry): entry is [string, NonNullable<(typeof entry)[1]>] =>
                Boolean(entry[1]),
            ),
          ),
        };
        break;
      }
      case 'compliance': {
        const { compliance } = await readCompliance(
          await clients.managementConfig(),
          clients.awsConfig.configAggregatorName,
          change.accountId,
        );
        patch.compliance.push({ accountId: change.accountId, compliance });
        break;
      }
      case 'products': {
        if (change.recordId) {
          const { serviceCatalog } = await clients.forAccount(change.accountId);
          const { RecordDetail } = await serviceCatalog.send(
            new DescribeRecordCommand({ Id: change.recordId }),
          );
          if (RUNNING.has(RecordDetail?.Status ?? '')) {
            patch.unsettled.push(change);
            break;
          }
        }
        patch.products.push({
          accountId: change.accountId,
          products: await readProducts(clients, change.accountId),
        });
        break;
      }
      default:
        break;
    }
  }
  return patch;
}

/**
 * What a change of OUs brings beyond the tree: a new OU comes with
 * FullAWSAccess attached and Control Tower's view of it (not registered),
 * and nothing else says so; a deleted OU is no policy's target any more.
 */
async function readOuChanges(
  org: OrganizationsClient,
  snapshot: OrganizationSnapshot,
  ous: Array<{ id: string }>,
  patch: SnapshotPatch,
  changes: SnapshotChange[],
) {
  const before = new Set(snapshot.ous.map(o => o.id));
  const after = new Set(ous.map(o => o.id));
  const added = ous.filter(o => !before.has(o.id));
  for (const ou of added) {
    patch.accountPolicies.push({
      accountId: ou.id,
      policyIds: await readAttachedPolicyIds(org, ou.id),
    });
  }
  for (const ou of snapshot.ous.filter(o => !after.has(o.id))) {
    patch.accountPolicies.push({ accountId: ou.id, policyIds: [] });
  }
  if (added.length > 0 && !changes.some(c => c.kind === 'registration')) {
    changes.push({ kind: 'registration' });
  }
}

/** The SCPs attached directly to a target (not inherited). */
async function readAttachedPolicyIds(
  client: OrganizationsClient,
  targetId: string,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListPoliciesForTarget(
    { client },
    { TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY' },
  )) {
    ids.push(...(page.Policies ?? []).map(p => p.Id!));
  }
  return ids;
}
