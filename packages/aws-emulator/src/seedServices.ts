// Seeding the services' resources (Control Tower, Config, Service Catalog,
// Lake Formation) once the organization's tree is built; apart from it as
// these refer to its accounts and OUs by name but build nothing of it.
import {
  BASELINES,
  LANDING_ZONE_VERSION,
  baselineArn,
  registerOu,
} from './services/controltower/landingzone.ts';
import type { AccountRecord, EmulatorState } from './state.ts';
import {
  CONTROL_CATALOG,
  configRuleName,
  deployControl,
} from './services/controltower/index.ts';
import {
  createPortfolio,
  createProduct,
  finishProvisioning,
  organizationShareRefusal,
  sharePortfolio,
  startProvisioning,
} from './services/servicecatalog/index.ts';
import { ids } from './ids.ts';
import { seedDataLake } from './seedDataLake.ts';
import { publishedArtifact, seedProductKind } from './seedPublished.ts';
import { seedLaunchRoles } from './seedSuite.ts';
import { checkLaunchParameters } from './services/servicecatalog/stacks.ts';
import type { SeedDocument } from './seed.ts';

/** Seeds describe one Region, as the rest of the emulator assumes. */
const SEED_REGION = 'us-east-1';

/** The organization as seeded, for the services' entries to refer to. */
export interface SeedRefs {
  /** OU id by path, such as `Workloads/Workloads_Dev`. */
  ouIdsByPath: Map<string, string>;
  /** An account by id or name; throws if the seed has none such. */
  account(ref: string): AccountRecord;
  /** An OU's id by path; throws if the seed has none such. */
  ouId(path: string): string;
}

export function applyServiceSeeds(
  state: EmulatorState,
  seed: SeedDocument,
  refs: SeedRefs,
): void {
  const { ouIdsByPath, account, ouId } = refs;

  const controlTower = seed.controlTower ?? {};
  if (controlTower.landingZone !== false) {
    state.landingZone = {
      arn: `arn:aws:controltower:${SEED_REGION}:${
        state.managementAccountId
      }:landingzone/${ids.randomEnabledControl()}`,
      version: LANDING_ZONE_VERSION,
      ...(controlTower.autoEnrollment
        ? { remediationTypes: ['INHERITANCE_DRIFT'] }
        : {}),
    };
    const unregistered = new Set(controlTower.unregistered ?? []);
    let identityCenterArn: string | undefined;
    // Parents first, as Control Tower registers them.
    for (const [path, id] of [...ouIdsByPath].sort(
      ([a], [b]) => a.split('/').length - b.split('/').length,
    )) {
      if (unregistered.has(path)) continue;
      const parameters = identityCenterArn
        ? [
            {
              key: 'IdentityCenterEnabledBaselineArn',
              value: identityCenterArn,
            },
          ]
        : [];
      registerOu(state, SEED_REGION, id, parameters);
      if (controlTower.identityCenter !== false && !identityCenterArn) {
        // The Identity Center baseline sits on the first registered OU.
        const arn = `arn:aws:controltower:${SEED_REGION}:${
          state.managementAccountId
        }:enabledbaseline/${ids.randomEnabledControl()}`;
        state.enabledBaselines.set(arn, {
          arn,
          baselineIdentifier: baselineArn(
            SEED_REGION,
            'IdentityCenterBaseline',
          ),
          baselineVersion: BASELINES.IdentityCenterBaseline.version,
          targetIdentifier: state.ous.get(id)!.arn,
          status: 'SUCCEEDED',
          lastOperationIdentifier: ids.operation(),
          parameters: [],
          enrolledAccountIds: new Set(),
        });
        identityCenterArn = arn;
      }
    }
  }

  for (const control of seed.controls ?? []) {
    if (!CONTROL_CATALOG[control.control]) {
      throw new Error(`Seed refers to unknown control '${control.control}'`);
    }
    const ou = state.ous.get(ouId(control.ou))!;
    deployControl(state, Number.MAX_SAFE_INTEGER, control.control, ou.id);
    const arn = `arn:aws:controltower:us-east-1:${
      state.managementAccountId
    }:enabledcontrol/${ids.randomEnabledControl()}`;
    state.enabledControls.set(arn, {
      arn,
      controlIdentifier: `arn:aws:controltower:us-east-1::control/${control.control}`,
      targetIdentifier: ou.arn,
      status: 'SUCCEEDED',
      driftStatus:
        CONTROL_CATALOG[control.control].behavior === 'PROACTIVE'
          ? 'NOT_CHECKING'
          : control.drift ?? 'IN_SYNC',
      lastOperationIdentifier: ids.operation(),
      parameters: [],
    });
  }

  for (const evaluation of seed.configEvaluations ?? []) {
    const { id } = account(evaluation.account);
    const ruleName = configRuleName(evaluation.control);
    if (!state.configRules.get(id)?.has(ruleName)) {
      throw new Error(
        `Seed evaluates ${ruleName} in '${evaluation.account}', but no control deploys that rule there`,
      );
    }
    state.configEvaluations.push({
      accountId: id,
      ruleName,
      resourceType:
        CONTROL_CATALOG[evaluation.control].resourceType ?? 'AWS::S3::Bucket',
      resourceId: evaluation.resource,
      complianceType: evaluation.compliance,
      recordedAt: new Date(),
    });
  }

  for (const entry of seed.serviceCatalog ?? []) {
    const owner = account(entry.account);
    const portfolio = createPortfolio(state, owner.id, {
      displayName: entry.portfolio,
      providerName: entry.provider ?? 'ML Platform Team',
    });
    for (const product of entry.products) {
      const kind = seedProductKind(product);
      let artifact;
      if (product.version) {
        artifact = publishedArtifact(
          state,
          owner.id,
          entry.publish?.bucket,
          product,
        );
      } else if (product.templateBody) {
        artifact = {
          templateBody: product.templateBody,
          templateUrl: product.template,
        };
      }
      const created = createProduct(state, owner.id, {
        name: product.name,
        description: product.description,
        kind,
        owner: entry.provider ?? 'ML Platform Team',
        artifact,
      });
      portfolio.productIds.push(created.id);
    }
    if (entry.launchRoleName) {
      const governed = [...state.accounts.values()]
        .filter(a => a.joinedMethod !== 'INVITED')
        .map(a => a.id);
      seedLaunchRoles(state, governed, entry.launchRoleName);
      for (const productId of portfolio.productIds) {
        const parameters = { LocalRoleName: entry.launchRoleName };
        state.constraints.set(`cons-seed-${productId.slice(5)}`, {
          id: `cons-seed-${productId.slice(5)}`,
          ownerAccountId: owner.id,
          portfolioId: portfolio.id,
          productId,
          type: 'LAUNCH',
          description: `Launches as ${entry.launchRoleName}`,
          parameters: JSON.stringify(parameters),
          localRoleName: entry.launchRoleName,
        });
      }
    }
    if (entry.principals?.length) {
      state.portfolioPrincipals.set(
        `${owner.id}/${portfolio.id}`,
        entry.principals.map(arn => ({
          PrincipalARN: arn,
          PrincipalType: 'IAM_PATTERN' as const,
        })),
      );
    }
    for (const ref of entry.shareWith ?? []) {
      const refusal =
        (ref === 'Organization' || ouIdsByPath.has(ref)) &&
        organizationShareRefusal(state, owner.id);
      if (refusal) {
        throw new Error(
          `Seed shares portfolio '${entry.portfolio}' of '${entry.account}' with ${ref}, which AWS refuses (${refusal.code}: ${refusal.message}); see organization.trustedServices and organization.delegatedAdministrators`,
        );
      }
      if (ref === 'Organization') {
        sharePortfolio(
          state,
          portfolio.id,
          { type: 'ORGANIZATION', value: state.organizationId },
          true,
        );
      } else if (ouIdsByPath.has(ref)) {
        sharePortfolio(
          state,
          portfolio.id,
          { type: 'ORGANIZATIONAL_UNIT', value: ouId(ref) },
          true,
        );
      } else {
        sharePortfolio(state, portfolio.id, {
          type: 'ACCOUNT',
          value: account(ref).id,
        });
      }
    }
  }

  seedDataLake(state, seed, account);

  for (const entry of seed.provisionedProducts ?? []) {
    const owner = account(entry.account);
    const product = [...state.products.values()].find(
      p => p.name === entry.product,
    );
    if (!product)
      throw new Error(`Seed provisions unknown product '${entry.product}'`);
    const portfolio = [...state.portfolios.values()].find(p =>
      p.productIds.includes(product.id),
    )!;
    // The portfolio's own account launches without accepting a share.
    if (portfolio.ownerAccountId !== owner.id) {
      state.acceptedShares.set(
        `${owner.id}/${portfolio.id}`,
        'AWS_ORGANIZATIONS',
      );
    }
    const { pp, record } = startProvisioning(state, owner.id, 'us-east-1', {
      product,
      artifactId: product.artifacts[0].id,
      pathId: portfolio.id,
      name: entry.name,
      token: entry.name,
      parameters: Object.entries(entry.parameters ?? {}).map(
        ([Key, Value]) => ({ Key, Value }),
      ),
      tags: Object.entries(entry.tags ?? {}).map(([Key, Value]) => ({
        Key,
        Value,
      })),
    });
    if (product.artifacts[0].templateBody !== undefined) {
      try {
        checkLaunchParameters(
          product,
          pp.provisioningArtifactId,
          pp.parameters,
        );
      } catch (error) {
        throw new Error(
          `Seed provisions '${entry.name}': ${(error as Error).message}`,
        );
      }
    }
    finishProvisioning(state, 'us-east-1', product, pp, record);
    if (record.status === 'FAILED') {
      throw new Error(
        `Seed provisions '${entry.name}', whose stack fails: ${record.errors
          .map(e => e.Description)
          .join('; ')}`,
      );
    }
  }
}
