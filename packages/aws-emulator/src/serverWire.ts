// Reading an AWS request and writing its answer in the service's protocol
// (JSON, REST-JSON or Query), apart from dispatch so what a call means is not
// mixed up with how it is spelt on the wire. protocols.ts holds the encoders.
import type http from 'node:http';
import { URLSearchParams } from 'node:url';
import { AwsError } from './errors.ts';
import {
  PROTOCOLS,
  type Protocol,
  queryError,
  queryInput,
  queryResponse,
  toJsonWire,
} from './protocols.ts';
import { SERVICES } from './serviceRegistry.ts';
import {
  type S3Answer,
  parseS3Request,
  s3ErrorReply,
  s3SuccessReply,
} from './services/s3/wire.ts';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Drop the connection instead of answering. */
  lost?: boolean;
}

export function jsonReply(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function awsReply(
  service: string,
  error: AwsError,
  requestId: string,
): Reply {
  const protocol = PROTOCOLS[service];
  if (protocol?.kind === 'rest-xml') return s3ErrorReply(error, requestId);
  if (protocol?.kind === 'query') {
    return {
      status: error.status,
      headers: { 'content-type': 'text/xml' },
      body: queryError(protocol.xmlNamespace, error, requestId),
    };
  }
  const body: Record<string, unknown> = {
    message: error.message,
    ...error.fields,
  };
  if (protocol?.kind !== 'rest-json') {
    body.__type = error.code;
    body.Message = error.message;
  }
  return jsonReply(error.status, toJsonWire(body), {
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': requestId,
  });
}

/** The operation a request calls and its input; throws an AwsError if none. */
export function parseOperation(
  req: http.IncomingMessage,
  rawBody: string,
  service: string,
  protocol: Protocol,
): { operation: string; input: any } {
  let operation: string | undefined;
  let input: any;
  if (protocol.kind === 'json') {
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, op] = target.split('.');
    if (prefix !== protocol.targetPrefix || !op) {
      throw new AwsError(
        'UnknownOperationException',
        `X-Amz-Target '${target}' is not an operation of ${service}.`,
      );
    }
    operation = op;
    input = parseJson(rawBody);
  } else if (protocol.kind === 'rest-xml') {
    ({ operation, input } = parseS3Request(req, rawBody));
  } else if (protocol.kind === 'rest-json') {
    const path = (req.url ?? '').split('?')[0];
    operation = protocol.routes[`${req.method} ${path}`];
    if (!operation) {
      throw new AwsError(
        'UnknownOperationException',
        `No operation at ${req.method} ${path}.`,
        {
          status: 404,
        },
      );
    }
    input = parseJson(rawBody);
  } else {
    const params = new URLSearchParams(rawBody);
    operation = params.get('Action') ?? '';
    input = queryInput(params);
    if (!SERVICES[service][operation]) {
      throw new AwsError(
        'InvalidAction',
        `Could not find operation ${operation}.`,
      );
    }
  }
  return { operation, input };
}

/** A handler's output as the service's SDK client expects it. */
export function successReply(
  protocol: Protocol,
  operation: string,
  output: unknown,
  requestId: string,
): Reply {
  if (protocol.kind === 'rest-xml') {
    return s3SuccessReply((output ?? {}) as S3Answer, requestId);
  }
  if (protocol.kind === 'query') {
    return {
      status: 200,
      headers: {
        'content-type': 'text/xml',
        'x-amzn-requestid': requestId,
      },
      body: queryResponse(protocol.xmlNamespace, operation, output, requestId),
    };
  }
  const dates = protocol.kind === 'rest-json' ? 'date-time' : 'epoch-seconds';
  return jsonReply(200, toJsonWire(output ?? {}, dates), {
    'x-amzn-requestid': requestId,
  });
}

export function parseJson(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new AwsError(
      'SerializationException',
      'The request body is not valid JSON.',
    );
  }
}
