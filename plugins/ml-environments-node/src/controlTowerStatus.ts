import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

type Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

/** An enabled control with the status fields of the current API model. @public */
export interface EnabledControlStatus {
  arn: string;
  controlIdentifier: string;
  targetIdentifier: string;
  statusSummary?: { status: 'SUCCEEDED' | 'UNDER_CHANGE' | 'FAILED' };
  driftStatusSummary?: {
    driftStatus: 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKING' | 'UNKNOWN';
  };
}

/**
 * Reads enabled controls with their status and drift over Control Tower's
 * REST API, signed with SigV4. The @aws-sdk/client-controltower on the npm
 * registry (3.332.0) predates those fields and drops them, so this small
 * client fills the gap with the same credentials and endpoint.
 *
 * @public
 */
export class ControlTowerStatusReader {
  private readonly signer: SignatureV4;
  private readonly endpoint: URL;

  constructor(options: {
    region: string;
    endpoint?: string;
    credentials: () => Promise<Credentials>;
  }) {
    this.signer = new SignatureV4({
      service: 'controltower',
      region: options.region,
      credentials: options.credentials,
      sha256: Sha256,
    });
    this.endpoint = new URL(
      options.endpoint ??
        `https://controltower.${options.region}.amazonaws.com`,
    );
  }

  /** Every control enabled on the OU, following nextToken. */
  async listEnabledControls(
    targetIdentifier: string,
  ): Promise<EnabledControlStatus[]> {
    const controls: EnabledControlStatus[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.post('/list-enabled-controls', {
        targetIdentifier,
        maxResults: 100,
        ...(nextToken ? { nextToken } : {}),
      });
      controls.push(...(page.enabledControls ?? []));
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return controls;
  }

  private async post(path: string, body: object): Promise<any> {
    const payload = JSON.stringify(body);
    const request = new HttpRequest({
      method: 'POST',
      protocol: this.endpoint.protocol,
      hostname: this.endpoint.hostname,
      port: this.endpoint.port ? Number(this.endpoint.port) : undefined,
      path,
      headers: {
        host: this.endpoint.host,
        'content-type': 'application/json',
      },
      body: payload,
    });
    const signed = await this.signer.sign(request);
    const response = await fetch(new URL(path, this.endpoint), {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: payload,
    });
    const text = await response.text();
    if (!response.ok) {
      const type =
        response.headers.get('x-amzn-errortype') ?? `HTTP ${response.status}`;
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`Control Tower ${path} failed with ${type}: ${message}`);
    }
    return JSON.parse(text);
  }
}
