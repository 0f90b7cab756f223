// S3's REST-XML as the AWS SDK v3 client speaks it with `forcePathStyle`:
// the operation is the method, the path (`/bucket/key`) and the query; the
// answer is headers, a status and an XML or raw body; errors are S3's
// `<Error>` documents (no body for HEAD).
import type http from 'node:http';
import { AwsError } from '../../errors.ts';

/** What an S3 handler answers: the dispatcher writes it as it is. */
export interface S3Answer {
  s3Status?: number;
  s3Headers?: Record<string, string>;
  s3Body?: string;
}

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function escapeXml(text: string) {
  return text.replace(/[<>&'"]/g, c => `&#${c.charCodeAt(0)};`);
}

/** An XML document with S3's namespace on its root element. */
export function xmlDocument(root: string, inner: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${inner}</${root}>`;
}

export function element(name: string, value: unknown): string {
  if (value === undefined) return '';
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * The payload of an `aws-chunked` upload (the SDK's streaming signature or
 * trailing checksum): `size;ext\r\n data \r\n … 0\r\n trailers`.
 */
export function decodeAwsChunked(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) break;
    const size = parseInt(rest.slice(0, lineEnd).split(';')[0], 16);
    if (!Number.isFinite(size) || size === 0) break;
    const data = Buffer.from(rest.slice(lineEnd + 2), 'utf8');
    out += data.subarray(0, size).toString('utf8');
    rest = data.subarray(size).toString('utf8').replace(/^\r\n/, '');
  }
  return out;
}

const MALFORMED =
  'The XML you provided was not well-formed or did not validate against our published schema';

const tag = (xml: string, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** PutBucketEncryption's XML document as the API's structure. */
function encryptionDocument(body: string) {
  if (!/<ServerSideEncryptionConfiguration[\s>]/.test(body)) {
    throw new AwsError('MalformedXML', MALFORMED);
  }
  return {
    Rules: [...body.matchAll(/<Rule>([\s\S]*?)<\/Rule>/g)].map(([, rule]) => {
      const algorithm = tag(rule, 'SSEAlgorithm');
      const keyId = tag(rule, 'KMSMasterKeyID');
      const bucketKey = tag(rule, 'BucketKeyEnabled');
      return {
        ...(algorithm !== undefined || keyId !== undefined
          ? {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: algorithm,
                ...(keyId !== undefined ? { KMSMasterKeyID: keyId } : {}),
              },
            }
          : {}),
        ...(bucketKey !== undefined
          ? { BucketKeyEnabled: bucketKey === 'true' }
          : {}),
      };
    }),
  };
}

const header = (req: http.IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The S3 operation a path-style request calls, and its input. */
export function parseS3Request(
  req: http.IncomingMessage,
  rawBody: string,
): { operation: string; input: Record<string, any> } {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const [, bucketPart = '', ...keyParts] = url.pathname.split('/');
  const bucket = decodeURIComponent(bucketPart);
  const key = keyParts.map(decodeURIComponent).join('/');
  const query = url.searchParams;
  const method = req.method ?? 'GET';
  const chunked =
    /aws-chunked/.test(header(req, 'content-encoding') ?? '') ||
    /^STREAMING-/.test(header(req, 'x-amz-content-sha256') ?? '');
  const body = chunked ? decodeAwsChunked(rawBody) : rawBody;
  const metadata = Object.fromEntries(
    Object.entries(req.headers)
      .filter(([name]) => name.startsWith('x-amz-meta-'))
      .map(([name, value]) => [name.slice(11), String(value)]),
  );
  const input: Record<string, any> = { Bucket: bucket || undefined };
  // S3's bucket owner condition, on every bucket and object call.
  const expectedOwner = header(req, 'x-amz-expected-bucket-owner');
  if (expectedOwner !== undefined) input.ExpectedBucketOwner = expectedOwner;
  let operation: string | undefined;
  if (!bucket) {
    if (method === 'GET') operation = 'ListBuckets';
  } else if (!key) {
    if (method === 'PUT' && query.has('policy')) {
      operation = 'PutBucketPolicy';
      input.Policy = body;
    } else if (method === 'GET' && query.has('policy')) {
      operation = 'GetBucketPolicy';
    } else if (method === 'PUT' && query.has('encryption')) {
      operation = 'PutBucketEncryption';
      input.ServerSideEncryptionConfiguration = encryptionDocument(body);
    } else if (method === 'GET' && query.has('encryption')) {
      operation = 'GetBucketEncryption';
    } else if (method === 'PUT' && [...query.keys()].every(k => k === 'x-id')) {
      operation = 'CreateBucket';
      const location = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(
        body,
      );
      input.CreateBucketConfiguration = location
        ? { LocationConstraint: location[1] }
        : undefined;
    } else if (method === 'HEAD') {
      operation = 'HeadBucket';
    } else if (method === 'GET' && query.get('list-type') === '2') {
      operation = 'ListObjectsV2';
      input.Prefix = query.get('prefix') ?? undefined;
      input.MaxKeys = query.has('max-keys')
        ? Number(query.get('max-keys'))
        : undefined;
      input.ContinuationToken = query.get('continuation-token') ?? undefined;
    }
  } else {
    input.Key = key;
    const plain = [...query.keys()].every(k => k === 'x-id');
    if (method === 'PUT' && plain && !header(req, 'x-amz-copy-source')) {
      operation = 'PutObject';
      input.Body = body;
      input.ContentType = header(req, 'content-type');
      input.Metadata = metadata;
    } else if (method === 'GET' && plain) {
      operation = 'GetObject';
    } else if (method === 'HEAD' && plain) {
      operation = 'HeadObject';
    } else if (method === 'DELETE' && plain) {
      operation = 'DeleteObject';
    }
  }
  if (!operation) {
    throw new AwsError(
      'NotImplemented',
      `The emulator's S3 does not implement ${method} ${url.pathname}${url.search}.`,
      { status: 501 },
    );
  }
  return { operation, input };
}

/** S3's error document (Node's server sends no body to a HEAD, as S3 does not). */
export function s3ErrorReply(error: AwsError, requestId: string) {
  const fields = Object.entries(error.fields)
    .map(([name, value]) => element(name, value))
    .join('');
  return {
    status: error.status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': requestId,
    },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${element(
      'Code',
      error.code,
    )}${element('Message', error.message)}${fields}${element(
      'RequestId',
      requestId,
    )}</Error>`,
  };
}

export function s3SuccessReply(output: S3Answer, requestId: string) {
  return {
    status: output.s3Status ?? 200,
    headers: {
      'x-amz-request-id': requestId,
      ...(output.s3Body !== undefined && !output.s3Headers?.['content-type']
        ? { 'content-type': 'application/xml' }
        : {}),
      ...output.s3Headers,
    },
    body: output.s3Body ?? '',
  };
}
