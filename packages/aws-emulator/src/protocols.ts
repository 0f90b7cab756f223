import { AwsError } from './errors.ts';

/** How each service's SDK client talks: see the services' API models. */
export type Protocol =
  | { kind: 'json'; targetPrefix: string }
  | { kind: 'rest-json'; routes: Record<string, string> }
  | { kind: 'query'; xmlNamespace: string }
  /** S3: method, path and query name the operation (services/s3/wire.ts). */
  | { kind: 'rest-xml' };

/** Keyed by the signing name in the request's credential scope. */
export const PROTOCOLS: Record<string, Protocol> = {
  organizations: { kind: 'json', targetPrefix: 'AWSOrganizationsV20161128' },
  servicecatalog: { kind: 'json', targetPrefix: 'AWS242ServiceCatalogService' },
  config: { kind: 'json', targetPrefix: 'StarlingDoveService' },
  sagemaker: { kind: 'json', targetPrefix: 'SageMaker' },
  budgets: { kind: 'json', targetPrefix: 'AWSBudgetServiceGateway' },
  ce: { kind: 'json', targetPrefix: 'AWSInsightsIndexService' },
  glue: { kind: 'json', targetPrefix: 'AWSGlue' },
  // JSON 1.0 since 2023; Backstage's events module speaks it.
  sqs: { kind: 'json', targetPrefix: 'AmazonSQS' },
  codepipeline: { kind: 'json', targetPrefix: 'CodePipeline_20150709' },
  kms: { kind: 'json', targetPrefix: 'TrentService' },
  s3: { kind: 'rest-xml' },
  controltower: {
    kind: 'rest-json',
    routes: {
      'POST /enable-control': 'EnableControl',
      'POST /disable-control': 'DisableControl',
      'POST /get-control-operation': 'GetControlOperation',
      'POST /list-enabled-controls': 'ListEnabledControls',
      'POST /get-enabled-control': 'GetEnabledControl',
      'POST /list-landingzones': 'ListLandingZones',
      'POST /get-landingzone': 'GetLandingZone',
      'POST /list-baselines': 'ListBaselines',
      'POST /enable-baseline': 'EnableBaseline',
      'POST /reset-enabled-baseline': 'ResetEnabledBaseline',
      'POST /get-enabled-baseline': 'GetEnabledBaseline',
      'POST /list-enabled-baselines': 'ListEnabledBaselines',
      'POST /get-baseline-operation': 'GetBaselineOperation',
    },
  },
  lakeformation: {
    kind: 'rest-json',
    routes: {
      'POST /GrantPermissions': 'GrantPermissions',
      'POST /RevokePermissions': 'RevokePermissions',
      'POST /ListPermissions': 'ListPermissions',
      'POST /PutDataLakeSettings': 'PutDataLakeSettings',
      'POST /GetDataLakeSettings': 'GetDataLakeSettings',
      'POST /BatchGrantPermissions': 'BatchGrantPermissions',
      'POST /BatchRevokePermissions': 'BatchRevokePermissions',
      'POST /GetEffectivePermissionsForPath': 'GetEffectivePermissionsForPath',
      'POST /CreateLFTag': 'CreateLFTag',
      'POST /GetLFTag': 'GetLFTag',
      'POST /ListLFTags': 'ListLFTags',
      'POST /AddLFTagsToResource': 'AddLFTagsToResource',
      'POST /RemoveLFTagsFromResource': 'RemoveLFTagsFromResource',
      'POST /GetResourceLFTags': 'GetResourceLFTags',
      'POST /CreateDataCellsFilter': 'CreateDataCellsFilter',
      'POST /ListDataCellsFilter': 'ListDataCellsFilter',
      'POST /DeleteDataCellsFilter': 'DeleteDataCellsFilter',
    },
  },
  ram: {
    kind: 'rest-json',
    routes: { 'POST /getresourceshares': 'GetResourceShares' },
  },
  sts: {
    kind: 'query',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  },
  iam: {
    kind: 'query',
    xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  },
};

/**
 * A Query protocol body as the input it stands for: `Names.member.2=x` is
 * the second item of the list Names, `A.B=x` member B of structure A. Values
 * stay text, as they arrive.
 */
export function queryInput(params: URLSearchParams): Record<string, unknown> {
  const input: Record<string, any> = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    // 'Names.member.2' → ['Names', 1]: list items by position.
    const path: Array<string | number> = [];
    const parts = key.split('.');
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === 'member' && i + 1 < parts.length) {
        path.push(Number(parts[++i]) - 1);
      } else {
        path.push(parts[i]);
      }
    }
    if (path.some(p => typeof p === 'number' && !(p >= 0 && p < 1000))) {
      continue;
    }
    let node = input;
    for (const [i, part] of path.entries()) {
      if (i === path.length - 1) {
        node[part] = value;
      } else {
        node[part] ??= typeof path[i + 1] === 'number' ? [] : {};
        node = node[part];
      }
    }
  }
  // Lists sent with gaps (member.1, member.3) keep their items in order.
  const compact = (value: any): any => {
    if (Array.isArray(value)) {
      return value.filter(v => v !== undefined).map(compact);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, compact(v)]),
      );
    }
    return value;
  };
  return compact(input);
}

/** Access key and signing name from a SigV4 Authorization header. */
export function parseAuthorization(header: string | undefined) {
  const match =
    /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
      header ?? '',
    );
  return match
    ? { accessKeyId: match[1], region: match[2], service: match[3] }
    : undefined;
}

/**
 * JSON with timestamps as AWS sends them: epoch seconds in JSON 1.1, and
 * RFC 3339 date-times where the model says so (Control Tower's REST-JSON).
 */
export function toJsonWire(
  value: unknown,
  dates: 'epoch-seconds' | 'date-time' = 'epoch-seconds',
): unknown {
  if (value instanceof Date) {
    return dates === 'date-time' ? value.toISOString() : value.getTime() / 1000;
  }
  if (Array.isArray(value)) return value.map(item => toJsonWire(item, dates));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toJsonWire(v, dates)]),
    );
  }
  return value;
}

function escapeXml(text: string) {
  return text.replace(/[<>&'"]/g, c => `&#${c.charCodeAt(0)};`);
}

function toXml(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.map(item => `<member>${toXml(item)}</member>`).join('');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function queryResponse(
  namespace: string,
  operation: string,
  output: unknown,
  requestId: string,
) {
  return `<${operation}Response xmlns="${namespace}"><${operation}Result>${toXml(
    output,
  )}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
}

export function queryError(
  namespace: string,
  error: AwsError,
  requestId: string,
) {
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${escapeXml(
    error.code,
  )}</Code><Message>${escapeXml(
    error.message,
  )}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
