import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  ACCOUNT_PATTERNS,
  ProductCheckFinding,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlProjectAuthority,
  accountOuPath,
} from '@mlgov/plugin-ml-environments-node';
import type { PublishedProduct } from '@mlgov/ml-environments-products';

/**
 * The OUs where each product is launched, from the pattern data: each
 * stage's OU in the patterns that use the product; the team shared services
 * account's own OU for what it launches there.
 */
export async function productTargetOus(
  org: OrganizationsClient,
  products: Array<Pick<PublishedProduct, 'id' | 'patterns' | 'stages'>>,
  sharedServicesAccountId: string,
): Promise<Map<string, string[]>> {
  let sharedServicesOu: string | undefined;
  const targets = new Map<string, string[]>();
  for (const product of products) {
    const ous = new Set<string>();
    for (const stage of product.stages) {
      if (stage === 'team-shared-services') {
        sharedServicesOu ??= await accountOuPath(org, sharedServicesAccountId);
        ous.add(sharedServicesOu);
        continue;
      }
      for (const pattern of ACCOUNT_PATTERNS) {
        if (!product.patterns.includes(pattern.id)) continue;
        const account = pattern.accounts.find(a => a.stage === stage);
        if (account) ous.add(account.ouPath);
      }
    }
    targets.set(product.id, [...ous]);
  }
  return targets;
}

const describe = (f: ProductCheckFinding) =>
  `${f.resource} (${f.action}) ${f.decision}${
    f.policy ? ` by ${f.policy}${f.statement ? `/${f.statement}` : ''}` : ''
  }${f.reason ? `: ${f.reason}` : ''}`;

/**
 * Asks the suite's backend (its evaluator, the OUs' effective SCPs from the
 * latest read) whether each product's resources may be created in each of
 * its OUs; answers what would be denied, and what the evaluator cannot
 * decide (shown to the administrator, not hidden), in words.
 */
export async function refusedByGuardrails(
  projects: Pick<MlProjectAuthority, 'checkProduct'>,
  credentials: BackstageCredentials,
  products: Array<Pick<PublishedProduct, 'id' | 'version' | 'template'>>,
  targets: Map<string, string[]>,
): Promise<{ refusals: string[]; unknowns: string[] }> {
  const refusals: string[] = [];
  const unknowns: string[] = [];
  for (const product of products) {
    for (const ou of targets.get(product.id) ?? []) {
      const result = await projects.checkProduct(
        credentials,
        product.template,
        ou,
      );
      for (const finding of result.findings) {
        if (finding.decision === 'unknown') {
          unknowns.push(`${product.id} in ${ou}: ${describe(finding)}`);
        }
      }
      if (!result.allowed) {
        const denied = result.findings.filter(f => f.decision === 'denied');
        refusals.push(
          `${product.id} ${product.version} in ${ou}: ${denied
            .map(describe)
            .join(', ')}`,
        );
      }
    }
  }
  return { refusals, unknowns };
}
