import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseSeed } from './seedSchema.ts';
import type { IdentityPolicy, Tags } from './state.ts';

export { loadSeed } from './seedLoad.ts';

export interface SeedAccount {
  name: string;
  email: string;
  id?: string;
  tags?: Tags;
  /** A closed account stays SUSPENDED in the organization for 90 days. */
  status?: 'ACTIVE' | 'SUSPENDED';
  /**
   * Joined by invitation: no OrganizationAccountAccessRole, nor the roles
   * seeded in every account (`arn:aws:iam::*:role/…`).
   */
  invited?: boolean;
}

export interface SeedOu {
  name: string;
  accounts?: SeedAccount[];
  children?: SeedOu[];
}

/** An organization described in YAML; see seeds/demo.yaml and docs/aws-emulator.md. */
export interface SeedDocument {
  organization?: {
    /** false: a standalone account that has yet to call CreateOrganization. */
    exists?: boolean;
    id?: string;
    rootId?: string;
    serviceControlPolicies?: 'enabled' | 'disabled';
    /** Accounts per organization (Service Quotas); AWS's default is 10. */
    accountQuota?: number;
    managementAccount?: { id: string; name: string; email: string };
    /** Service principals with trusted access, e.g. `servicecatalog.amazonaws.com`. */
    trustedServices?: string[];
    /**
     * Service principal → its delegated administrators (account names or
     * ids); each service must be among `trustedServices`, as in AWS.
     */
    delegatedAdministrators?: Record<string, string[]>;
  };
  /**
   * Control Tower: a landing zone (by default) with the Identity Center
   * baseline, and every seeded OU registered except those listed.
   */
  controlTower?: {
    landingZone?: boolean;
    /** Auto-enrolment of moved accounts (remediationTypes INHERITANCE_DRIFT). */
    autoEnrollment?: boolean;
    identityCenter?: boolean;
    unregistered?: string[];
  };
  /** access key id → account (id or name) whose administrator it acts as */
  accessKeys?: Record<string, string>;
  /**
   * IAM principals' identity policies, for the policy simulator; principals
   * not listed may do everything. Conditions are not evaluated.
   */
  iam?: {
    principalPolicies?: Record<string, IdentityPolicy[]>;
    /**
     * Accounts (name or id) whose suite member role has the shared services
     * or data lake policy instead of the project accounts' one.
     */
    suiteAccounts?: { sharedServices?: string; dataLake?: string };
  };
  organizationalUnits?: SeedOu[];
  /** Accounts directly under the root. */
  accounts?: SeedAccount[];
  policies?: Array<{
    name: string;
    description?: string;
    content: unknown;
    /** `Root`, an OU path such as `Workloads/Workloads_Dev`, or an account name */
    attachTo?: string[];
  }>;
  controls?: Array<{
    control: string;
    ou: string;
    drift?: 'IN_SYNC' | 'DRIFTED';
  }>;
  configEvaluations?: Array<{
    account: string;
    control: string;
    resource: string;
    compliance: 'COMPLIANT' | 'NON_COMPLIANT';
  }>;
  serviceCatalog?: Array<{
    account: string;
    portfolio: string;
    provider?: string;
    /**
     * Each product is a canned `kind`, or launches its CloudFormation
     * `template` (a file relative to the seed file) or `templateBody`.
     */
    products: Array<{
      name: string;
      kind?: 'sagemaker-studio-domain' | 'mlops-pipeline' | 'generic';
      template?: string;
      templateBody?: string;
      description?: string;
      /**
       * Published as the suite's publish action does (set from `publish`):
       * the template uploaded to the owner's S3, the product made from its
       * URL (LoadTemplateFromURL) with a version named `version` whose
       * description holds the template's sha256.
       */
      version?: string;
      sha256?: string;
    }>;
    /**
     * A products manifest (the products package's templates/manifest.json,
     * relative to the seed file) whose products join `products`, published
     * into `bucket` (default mlgov-products-<account>-<region>, the publish
     * action's default).
     */
    publish?: { manifest: string; bucket?: string };
    /**
     * OU paths, account names or `Organization`; an OU or the organization
     * needs the owner to be the management account or a delegated
     * administrator for Service Catalog, with its trusted access on.
     */
    shareWith?: string[];
    principals?: string[];
    /**
     * Each product launches under a LAUNCH constraint naming this role,
     * which every account the seed makes (not invited) holds.
     */
    launchRoleName?: string;
  }>;
  /** Glue databases (and their tables) that Lake Formation governs, by account. */
  dataLake?: Array<{
    account: string;
    /**
     * The account's data lake administrators (`arn:aws:iam:::role/X` is the
     * account's role X); by default its `ml-environments-member` and
     * `OrganizationAccountAccessRole`.
     */
    admins?: string[];
    /** LF-tag keys of the account's catalog with their values. */
    lfTags?: Record<string, string[]>;
    databases: Array<{
      name: string;
      description?: string;
      tables?: string[];
      /** LF-tags assigned to the database: key → value. */
      lfTags?: Record<string, string>;
      /** Per table: its LF-tags and its columns, each with its LF-tags. */
      tableDetails?: Record<
        string,
        {
          lfTags?: Record<string, string>;
          columns?: Array<{
            name: string;
            type: string;
            lfTags?: Record<string, string>;
          }>;
        }
      >;
    }>;
  }>;
  /** Products already provisioned in project accounts. */
  provisionedProducts?: Array<{
    account: string;
    product: string;
    name: string;
    parameters?: Record<string, string>;
    tags?: Tags;
  }>;
}

/** Reads and checks a seed file; a problem is named with its line. */
export function readSeedFile(path: string): SeedDocument {
  const seed = parseSeed(readFileSync(path, 'utf8'), path) as SeedDocument;
  // Template files are read now, relative to the seed, so a seed built in
  // code and one read from a file load the same way.
  for (const portfolio of seed.serviceCatalog ?? []) {
    if (portfolio.publish) {
      portfolio.products.push(
        ...publishedFrom(resolve(dirname(path), portfolio.publish.manifest)),
      );
    }
    for (const product of portfolio.products) {
      if (product.template && product.templateBody === undefined) {
        product.templateBody = readFileSync(
          resolve(dirname(path), product.template),
          'utf8',
        );
      }
    }
  }
  return seed;
}

/** The products of a products manifest, each with its template's text. */
function publishedFrom(manifestPath: string) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    products: Array<{
      name: string;
      description: string;
      version: string;
      sha256: string;
      templateFile: string;
    }>;
  };
  return manifest.products.map(entry => ({
    name: entry.name,
    description: entry.description,
    version: entry.version,
    sha256: entry.sha256,
    templateBody: readFileSync(
      resolve(dirname(manifestPath), entry.templateFile),
      'utf8',
    ),
  }));
}
