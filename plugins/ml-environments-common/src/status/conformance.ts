// Whether what a project's products launched still fits its account's
// guardrails: each resource, as AWS reports it now, judged as if it were
// being created today. A Studio domain switched to public internet in a
// Workloads account is then drift of require-vpc, with what to do.
import { scpName } from '../guardrails/library';
import { checkTemplate } from '../products/checkTemplate';
import { GuardrailStatus } from '../schema/openapi/generated/models';
import { scpChainFor } from './effective';
import { OrganizationSnapshot, SnapshotProduct } from './snapshot';

/** One resource the account's SCPs would deny as it is now. @public */
export interface ConformanceProblem {
  product: string;
  resource: string;
  physicalId: string;
  policy: string;
  statement?: string;
  reason: string;
  /**
   * The guardrails it drifts, the first the account carries; without them,
   * the guardrail whose SCP is `policy`.
   */
  guardrailIds?: string[];
  /** What to do, when not setting the resource back to what the SCP requires. */
  remedy?: string;
}

/** The guardrails that require encryption, an artifact bucket's drift shows on. */
const ENCRYPTION_GUARDRAILS = [
  'require-kms',
  'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED',
  'require-encryption-in-transit',
];

/**
 * A product's artifact bucket whose default encryption is not SSE-KMS with
 * the product's own key (output ArtifactKeyArn), as its template set it.
 */
function bucketEncryptionProblems(
  product: SnapshotProduct,
): ConformanceProblem[] {
  const keyArn = product.outputs.ArtifactKeyArn;
  if (!keyArn) return [];
  return product.resources!.flatMap(r => {
    if (r.type !== 'AWS::S3::Bucket') return [];
    const rules: any[] =
      (r.properties.BucketEncryption as any)
        ?.ServerSideEncryptionConfiguration ?? [];
    const byDefault = rules[0]?.ServerSideEncryptionByDefault;
    let reason: string | undefined;
    if (byDefault?.SSEAlgorithm !== 'aws:kms') {
      reason = `its default encryption is ${
        byDefault?.SSEAlgorithm ?? 'not set'
      }, not SSE-KMS (aws:kms) with the product's key`;
    } else if (byDefault.KMSMasterKeyID !== keyArn) {
      reason = `its default encryption uses the KMS key ${
        byDefault.KMSMasterKeyID ?? "S3's AWS managed key"
      }, not the product's key`;
    }
    return reason
      ? [
          {
            product: product.name,
            resource: r.logicalId,
            physicalId: r.physicalId,
            policy: 'the product’s encryption at rest',
            reason,
            guardrailIds: ENCRYPTION_GUARDRAILS,
            remedy: `Restore the default encryption to the product's KMS key ${keyArn} or terminate and relaunch the product`,
          },
        ]
      : [];
  });
}

/** @public */
export function conformanceProblems(
  snapshot: OrganizationSnapshot,
  accountId: string,
): ConformanceProblem[] {
  const products = snapshot.products.filter(
    p => p.accountId === accountId && p.resources?.length,
  );
  if (products.length === 0) return [];
  const chain = scpChainFor(snapshot, accountId);
  return products.flatMap(product => {
    const resources = product.resources!;
    const { findings } = checkTemplate(chain, {
      Resources: Object.fromEntries(
        resources.map(r => [
          r.logicalId,
          { Type: r.type, Properties: r.properties },
        ]),
      ),
    });
    const denied = findings.flatMap((f): ConformanceProblem[] =>
      f.decision === 'denied' && f.policy
        ? [
            {
              product: product.name,
              resource: f.resource,
              physicalId:
                resources.find(r => r.logicalId === f.resource)?.physicalId ??
                f.resource,
              policy: f.policy,
              statement: f.statement,
              reason: f.reason,
            },
          ]
        : [],
    );
    return [...denied, ...bucketEncryptionProblems(product)];
  });
}

/**
 * The account's guardrails with conformance drift: a guardrail in force
 * whose SCP would deny a launched resource as it is now is drifted, saying
 * which resource and what to do. Excepted guardrails stay excepted.
 *
 * @public
 */
export function withConformance(
  guardrails: GuardrailStatus[],
  problems: ConformanceProblem[],
): GuardrailStatus[] {
  const carried = new Set(guardrails.map(g => g.guardrailId));
  const drifts = (p: ConformanceProblem, guardrailId: string) =>
    p.guardrailIds
      ? p.guardrailIds.find(id => carried.has(id)) === guardrailId
      : p.policy === scpName(guardrailId);
  return guardrails.map(g => {
    const mine = problems.filter(p => drifts(p, g.guardrailId));
    if (mine.length === 0 || g.state !== 'ok') return g;
    return {
      ...g,
      state: 'drifted',
      reason: mine
        .map(
          p =>
            `${p.resource} ${p.physicalId} of product ${
              p.product
            } no longer conforms: ${p.reason}. ${
              p.remedy ??
              `Set it back to what ${p.policy} (${p.statement}) requires, or terminate the product and provision it again`
            }`,
        )
        .join('; '),
    };
  });
}
