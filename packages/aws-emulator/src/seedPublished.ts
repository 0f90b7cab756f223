// Seeded products published the way the suite's publish action does it
// (plugins/ml-environments-node's productPublishing): through S3.
import { createBucket, putObject } from './services/s3/buckets.ts';
import type { EmulatorState } from './state.ts';
import type { SeedDocument } from './seed.ts';
import { templateValidation } from './services/servicecatalog/artifacts.ts';

/** Seeds describe one Region, as the rest of the emulator assumes. */
const SEED_REGION = 'us-east-1';

/**
 * A product version as the suite's publish action makes it: the template
 * uploaded under products/<name>/<version>/<sha256>.template.json, the
 * version named after the product's and its description holding the hash.
 */
export function publishedArtifact(
  state: EmulatorState,
  accountId: string,
  bucketName: string | undefined,
  product: {
    name: string;
    description?: string;
    version?: string;
    sha256?: string;
    templateBody?: string;
  },
) {
  const name = bucketName ?? `mlgov-products-${accountId}-${SEED_REGION}`;
  const bucket =
    state.buckets.get(name) ??
    createBucket(state, accountId, SEED_REGION, name);
  const key = `products/${product.name}/${product.version}/${product.sha256}.template.json`;
  putObject(bucket, key, product.templateBody!, 'application/json');
  return {
    name: product.version,
    description: `${product.description ?? ''} (sha256:${product.sha256})`,
    templateBody: product.templateBody,
    templateUrl: `https://${name}.s3.${SEED_REGION}.amazonaws.com/${key}`,
  };
}

/** A seeded product's kind: canned, or `template` once its template is valid. */
export function seedProductKind(
  product: NonNullable<
    SeedDocument['serviceCatalog']
  >[number]['products'][number],
) {
  if (product.kind && product.templateBody === undefined) return product.kind;
  if (product.kind || product.templateBody === undefined) {
    throw new Error(
      `Seed product '${product.name}' needs exactly one of kind and template (or templateBody)`,
    );
  }
  const problems = templateValidation(product.templateBody);
  if (problems.length) {
    throw new Error(
      `Seed product '${
        product.name
      }': its template is not valid: ${problems.join('; ')}`,
    );
  }
  return 'template' as const;
}
