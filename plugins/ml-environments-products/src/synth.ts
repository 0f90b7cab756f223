import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import { productScope } from './products/common.ts';
import { PRODUCTS, type ProductDefinition } from './catalog.ts';
import type { ManifestEntry, ProductManifest } from './manifest.ts';

export type { ManifestEntry, ProductManifest };

/** A cdk-nag finding at synth. @public */
export interface NagFinding {
  rule: string;
  severity: string;
  resources: string[];
  description: string;
}

/** One product synthesized: its template and cdk-nag's findings. @public */
export interface SynthesizedProduct {
  product: ProductDefinition;
  template: Record<string, any>;
  /** Every AwsSolutions finding left after the acknowledgments. */
  nag: NagFinding[];
  /** sha256 of the template file's text, to tell a changed template. */
  sha256: string;
}

/** The template file's text: stable JSON, two-space indent, final newline. @public */
export function templateText(template: object): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}

/**
 * Synthesizes one product offline with AWS CDK: no AWS account, no assets.
 * cdk-nag's AwsSolutions pack runs over the product stack.
 */
export function synthesizeProduct(
  product: ProductDefinition,
): SynthesizedProduct {
  const outdir = mkdtempSync(join(tmpdir(), 'ml-products-'));
  try {
    const scope = productScope(
      outdir,
      product.id,
      `${product.name} ${product.version}: ${product.description}`,
      product.parameters,
    );
    product.define(scope);
    const assembly = scope.app.synth();
    const template = JSON.parse(
      readFileSync(join(assembly.directory, scope.stack.templateFile), 'utf8'),
    );
    const report = new AwsSolutionsChecks().validateScope(scope.stack);
    const nag = report.violations.map(v => ({
      rule: v.ruleName,
      severity: String(v.severity ?? 'error'),
      resources: v.violatingResources.map(
        r =>
          (r as { constructPath?: string }).constructPath ??
          r.resourceLogicalId ??
          'unknown',
      ),
      description: v.description,
    }));
    return {
      product,
      template,
      nag,
      sha256: createHash('sha256').update(templateText(template)).digest('hex'),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every product's template, synthesized now. @public */
export function synthesizeProducts(): SynthesizedProduct[] {
  return PRODUCTS.map(synthesizeProduct);
}

/** The manifest of synthesized products (no dates: the same input gives the same file). @public */
export function manifestOf(products: SynthesizedProduct[]): ProductManifest {
  return {
    products: products.map(({ product, template, sha256 }) => ({
      id: product.id,
      name: product.name,
      description: product.description,
      version: product.version,
      patterns: product.patterns,
      stages: product.stages,
      parameters: product.parameters,
      outputs: product.outputs,
      templateFile: `${product.id}.template.json`,
      sha256,
      resourceTypes: [
        ...new Set(
          Object.values<{ Type: string }>(template.Resources).map(r => r.Type),
        ),
      ].sort(),
    })),
  };
}

/** Every file the build writes into `templates/`, by name, with its text. @public */
export function templateFiles(
  products: SynthesizedProduct[],
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of products) {
    files[`${p.product.id}.template.json`] = templateText(p.template);
  }
  files['manifest.json'] = templateText(manifestOf(products));
  return files;
}
