/**
 * The ML platform's Service Catalog products, written with AWS CDK and
 * shipped as synthesized CloudFormation templates (templates/). This entry
 * reads the shipped templates and needs no CDK at run time; the products'
 * CDK code (src/catalog.ts, src/synth.ts) runs at build time only, through
 * `npm run synth` (see README).
 *
 * @packageDocumentation
 */

export { productTemplatesDir, publishedProducts } from './published.ts';
export type { PublishedProduct } from './published.ts';
export type {
  ManifestEntry,
  ProductManifest,
  ProductParameter,
  ProductStage,
} from './manifest.ts';
