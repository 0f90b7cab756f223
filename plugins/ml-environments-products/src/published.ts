import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ManifestEntry, ProductManifest } from './manifest.ts';

/** A product as shipped in templates/: ready to upload, no CDK needed. @public */
export interface PublishedProduct extends ManifestEntry {
  /** The template file's exact text (what sha256 is of). */
  templateBody: string;
  template: Record<string, any>;
}

/** The folder of the shipped templates and manifest. @public */
export function productTemplatesDir(): string {
  // The package's own folder, in the workspace and once installed alike.
  return resolve(
    dirname(require.resolve('@mlgov/ml-environments-products/package.json')),
    'templates',
  );
}

/**
 * The products as synthesized at build time, from templates/manifest.json,
 * each with its template; a template whose hash differs from the
 * manifest's is refused, so a publish never uploads a file it did not check.
 * @public
 */
export function publishedProducts(
  dir: string = productTemplatesDir(),
): PublishedProduct[] {
  const manifest: ProductManifest = JSON.parse(
    readFileSync(join(dir, 'manifest.json'), 'utf8'),
  );
  return manifest.products.map(entry => {
    const templateBody = readFileSync(join(dir, entry.templateFile), 'utf8');
    const sha256 = createHash('sha256').update(templateBody).digest('hex');
    if (sha256 !== entry.sha256) {
      throw new Error(
        `${entry.templateFile} does not match manifest.json (sha256 ${sha256}, manifest ${entry.sha256}); run \`npm run synth\` in the products package`,
      );
    }
    return { ...entry, templateBody, template: JSON.parse(templateBody) };
  });
}
