import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { partitionOf } from '@mlgov/plugin-ml-environments-common';
import type { RetryStrategyV2, SdkError } from '@smithy/types';
import { ControlTowerCallError, retryErrorTypeOf } from './controlTowerErrors';

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

/** A baseline enabled on an OU (or an account), as ListEnabledBaselines describes it. @public */
export interface EnabledBaselineSummary {
  arn: string;
  baselineIdentifier: string;
  baselineVersion?: string;
  targetIdentifier: string;
  /** An account's enabled baseline: its OU's (listed with includeChildren). */
  parentIdentifier?: string;
  statusSummary?: { status: 'SUCCEEDED' | 'UNDER_CHANGE' | 'FAILED' };
  driftStatusSummary?: {
    types?: { inheritance?: { status: 'IN_SYNC' | 'DRIFTED' } };
  };
}

/** A control operation as GetControlOperation describes it. @public */
export interface ControlOperation {
  operationIdentifier?: string;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  statusMessage?: string;
}

/**
 * The Control Tower operations the suite uses, over Control Tower's REST API
 * signed with SigV4 and retried through the clients' retry strategy. The
 * @aws-sdk/client-controltower on the npm registry (3.332.0) predates the
 * status and drift fields (it drops them) and its retry middleware does not
 * hand errors to the strategy, so this small client replaces it.
 *
 * @public
 */
export class ControlTowerRestClient {
  private readonly signer: SignatureV4;
  private readonly endpoint: URL;

  private readonly retryStrategy: RetryStrategyV2;

  constructor(options: {
    region: string;
    endpoint?: string;
    credentials: () => Promise<Credentials>;
    /** The clients' retry strategy, so this reader backs off like they do. */
    retryStrategy: RetryStrategyV2;
  }) {
    this.retryStrategy = options.retryStrategy;
    this.signer = new SignatureV4({
      service: 'controltower',
      region: options.region,
      credentials: options.credentials,
      sha256: Sha256,
    });
    this.endpoint = new URL(
      options.endpoint ??
        `https://controltower.${options.region}.${
          partitionOf(options.region).dnsSuffix
        }`,
    );
  }

  /**
   * Every control enabled on the OU, following nextToken; without an OU,
   * every control enabled in the organization (one call per 100 instead of
   * one per OU).
   */
  async listEnabledControls(
    targetIdentifier?: string,
  ): Promise<EnabledControlStatus[]> {
    const controls: EnabledControlStatus[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.post('/list-enabled-controls', {
        ...(targetIdentifier ? { targetIdentifier } : {}),
        maxResults: 100,
        ...(nextToken ? { nextToken } : {}),
      });
      controls.push(...(page.enabledControls ?? []));
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return controls;
  }

  /** Starts enabling a control on an OU; returns the operation to follow. */
  async enableControl(
    controlIdentifier: string,
    targetIdentifier: string,
  ): Promise<{ operationIdentifier: string; arn?: string }> {
    return this.post('/enable-control', {
      controlIdentifier,
      targetIdentifier,
    });
  }

  /** The landing zone's ARN, or undefined when the Region has none. */
  async findLandingZone(): Promise<string | undefined> {
    const { landingZones = [] } = await this.post('/list-landingzones', {});
    return landingZones[0]?.arn;
  }

  async getLandingZone(landingZoneIdentifier: string): Promise<{
    arn: string;
    version: string;
    status?: string;
    driftStatus?: { status: 'DRIFTED' | 'IN_SYNC' };
    /** INHERITANCE_DRIFT when the landing zone auto-enrols moved accounts. */
    remediationTypes?: string[];
  }> {
    const { landingZone } = await this.post('/get-landingzone', {
      landingZoneIdentifier,
    });
    return landingZone;
  }

  async listBaselines(): Promise<Array<{ arn: string; name: string }>> {
    const { baselines = [] } = await this.post('/list-baselines', {});
    return baselines;
  }

  /** Baselines enabled on these OUs (all OUs when none are given). */
  async listEnabledBaselines(
    targetIdentifiers?: string[],
    /** The accounts' enabled baselines below these OU baselines instead. */
    childrenOf?: string[],
  ): Promise<EnabledBaselineSummary[]> {
    const found: EnabledBaselineSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.post('/list-enabled-baselines', {
        ...(targetIdentifiers || childrenOf
          ? {
              filter: {
                ...(targetIdentifiers ? { targetIdentifiers } : {}),
                ...(childrenOf ? { parentIdentifiers: childrenOf } : {}),
              },
            }
          : {}),
        ...(childrenOf ? { includeChildren: true } : {}),
        maxResults: 100,
        ...(nextToken ? { nextToken } : {}),
      });
      found.push(...(page.enabledBaselines ?? []));
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return found;
  }

  async enableBaseline(request: {
    baselineIdentifier: string;
    baselineVersion: string;
    targetIdentifier: string;
    parameters: Array<{ key: string; value: unknown }>;
  }): Promise<{ operationIdentifier: string; arn: string }> {
    return this.post('/enable-baseline', request);
  }

  async resetEnabledBaseline(
    enabledBaselineIdentifier: string,
  ): Promise<{ operationIdentifier: string }> {
    return this.post('/reset-enabled-baseline', { enabledBaselineIdentifier });
  }

  async getBaselineOperation(
    operationIdentifier: string,
  ): Promise<ControlOperation> {
    const { baselineOperation } = await this.post('/get-baseline-operation', {
      operationIdentifier,
    });
    return baselineOperation;
  }

  async getControlOperation(
    operationIdentifier: string,
  ): Promise<ControlOperation> {
    const { controlOperation } = await this.post('/get-control-operation', {
      operationIdentifier,
    });
    return controlOperation;
  }

  private async post(path: string, body: object): Promise<any> {
    let token = await this.retryStrategy.acquireInitialRetryToken(
      'controltower',
    );
    for (;;) {
      try {
        const answer = await this.postOnce(path, body);
        this.retryStrategy.recordSuccess(token);
        return answer;
      } catch (error) {
        const failure = error as ControlTowerCallError;
        try {
          token = await this.retryStrategy.refreshRetryTokenForRetry(token, {
            error: failure as SdkError,
            errorType: failure.retryErrorType ?? 'CLIENT_ERROR',
          });
        } catch {
          throw error; // out of attempts: the call's own error, not the strategy's
        }
      }
    }
  }

  private async postOnce(path: string, body: object): Promise<any> {
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
    let response: Response;
    try {
      response = await fetch(new URL(path, this.endpoint), {
        method: 'POST',
        headers: signed.headers as Record<string, string>,
        body: payload,
      });
    } catch (error) {
      throw new ControlTowerCallError(
        `Control Tower ${path} could not be reached: ${
          (error as Error).message
        }`,
        'NetworkError',
        'TRANSIENT',
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const type =
        response.headers.get('x-amzn-errortype') ?? `HTTP ${response.status}`;
      let message: string;
      try {
        message = JSON.parse(text).message ?? '';
      } catch {
        // Not JSON (a proxy's or load balancer's page): never pass its body on.
        message = `a ${
          response.headers.get('content-type') ?? 'non-JSON'
        } answer of ${text.length} bytes`;
      }
      const name = type.split(':')[0];
      throw new ControlTowerCallError(
        `Control Tower ${path} failed with ${name} (HTTP ${response.status}): ${message}`,
        name,
        retryErrorTypeOf(response.status, name),
      );
    }
    return JSON.parse(text);
  }
}
