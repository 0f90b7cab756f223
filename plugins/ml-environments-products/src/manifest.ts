// What templates/manifest.json holds: types only, so the package's runtime
// entry (published.ts) needs no CDK.

/** One launch parameter of a product, as the template declares it. @public */
export interface ProductParameter {
  name: string;
  type: string;
  description: string;
  default?: string;
  allowedValues?: string[];
  allowedPattern?: string;
  /** What a launcher passes when the value comes from the project. */
  source?: 'project' | 'account' | 'network' | 'pattern';
}

/** The account stages a product is launched in (the suite's stage names). @public */
export type ProductStage =
  | 'sandbox'
  | 'dev'
  | 'preprod'
  | 'prod'
  | 'automation'
  | 'team-shared-services';

/** One product as the manifest lists it. @public */
export interface ManifestEntry {
  id: string;
  name: string;
  description: string;
  version: string;
  patterns: string[];
  stages: string[];
  parameters: ProductParameter[];
  outputs: string[];
  /** The template's file name beside the manifest. */
  templateFile: string;
  /** sha256 of the template file: a publish compares it to tell a change. */
  sha256: string;
  resourceTypes: string[];
}

/** What `templates/manifest.json` holds. @public */
export interface ProductManifest {
  products: ManifestEntry[];
}
