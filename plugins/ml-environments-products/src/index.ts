/**
 * The ML platform's Service Catalog products, written with AWS CDK and
 * shipped as synthesized CloudFormation templates (templates/).
 *
 * @packageDocumentation
 */

export { PRODUCTS } from './catalog.ts';
export type { ProductDefinition } from './catalog.ts';
export type {
  ProductParameter,
  ProductScope,
  ProductStage,
} from './products/common.ts';
export { STUDIO_USER_TAG } from './products/studio.ts';
export {
  manifestOf,
  synthesizeProduct,
  synthesizeProducts,
  templateFiles,
  templateText,
} from './synth.ts';
export type {
  ManifestEntry,
  NagFinding,
  ProductManifest,
  SynthesizedProduct,
} from './synth.ts';
export { productTemplatesDir, publishedProducts } from './published.ts';
export type { PublishedProduct } from './published.ts';
