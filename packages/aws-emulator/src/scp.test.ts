import {
  CreateDomainCommand,
  CreateUserProfileCommand,
  DescribeDomainCommand,
  SageMakerClient,
  UpdateDomainCommand,
} from '@aws-sdk/client-sagemaker';
import { resolve } from 'node:path';
import { governedDomainRequest, projectTags } from './governedRequests.ts';
import { readSeedFile } from './seed.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

// churn-prediction-dev sits in Workloads/Workloads_Dev, under the demo
// seed's require-vpc, require-kms and require-cost-tags SCPs.
const seed = {
  ...readSeedFile(resolve(__dirname, '../seeds/demo.yaml')),
  accessKeys: { 'member-key': 'churn-prediction-dev' },
};

async function withDomain(
  config: { enforceScps?: boolean },
  test: (sageMaker: SageMakerClient, domainId: string) => Promise<void>,
) {
  const env = await startTestEmulator({
    seed,
    config: { asyncDelayMs: 0, ...config },
  });
  try {
    const sageMaker = new SageMakerClient(
      clientConfig(env.emulator, 'member-key'),
    );
    const { DomainArn } = await sageMaker.send(
      new CreateDomainCommand(governedDomainRequest('200000000011', 'scps')),
    );
    await test(sageMaker, DomainArn!.split('/').pop()!);
  } finally {
    await env.emulator.close();
  }
}

describe('service control policies on member accounts', () => {
  it("refuses the suite's old single-tag CreateUserProfile with AWS's explicit-deny answer, and takes it with the scheme's tags", async () => {
    await withDomain({}, async (sageMaker, DomainId) => {
      const refused = await errorOf(
        sageMaker.send(
          new CreateUserProfileCommand({
            DomainId,
            UserProfileName: 'ada',
            Tags: [{ Key: 'ml-project', Value: 'churn-prediction' }],
          }),
        ),
      );
      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.$metadata.httpStatusCode).toBe(403);
      expect(refused.message).toMatch(
        /^User: arn:aws:\S+ is not authorized to perform: sagemaker:CreateUserProfile with an explicit deny in a service control policy: arn:aws:organizations::\d{12}:policy\/o-\w+\/service_control_policy\/p-\w+$/,
      );
      const made = await sageMaker.send(
        new CreateUserProfileCommand({
          DomainId,
          UserProfileName: 'ada',
          Tags: projectTags('churn-prediction'),
        }),
      );
      expect(made.UserProfileArn).toContain('user-profile/');
    });
  });

  it('refuses a domain open to the internet without a KMS key, keys read from the request', async () => {
    await withDomain({}, async sageMaker => {
      const { KmsKeyId: _, ...withoutKey } = governedDomainRequest(
        '200000000011',
        'no-key',
      );
      const refused = await errorOf(
        sageMaker.send(new CreateDomainCommand(withoutKey)),
      );
      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.message).toContain('sagemaker:CreateDomain');
    });
  });

  it("reads a domain's network mode and key back, and keeps it VPC-only under require-vpc", async () => {
    await withDomain({}, async (sageMaker, DomainId) => {
      const domain = await sageMaker.send(
        new DescribeDomainCommand({ DomainId }),
      );
      expect(domain.AppNetworkAccessType).toBe('VpcOnly');
      expect(domain.KmsKeyId).toMatch(/^arn:aws:kms:/);
      expect(domain.DefaultUserSettings?.SecurityGroups).toHaveLength(1);
      const refused = await errorOf(
        sageMaker.send(
          new UpdateDomainCommand({
            DomainId,
            AppNetworkAccessType: 'PublicInternetOnly',
          }),
        ),
      );
      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.message).toContain('sagemaker:UpdateDomain');
    });
  });

  it('applies nothing when the knob turns enforcement off', async () => {
    await withDomain({ enforceScps: false }, async (sageMaker, DomainId) => {
      const made = await sageMaker.send(
        new CreateUserProfileCommand({ DomainId, UserProfileName: 'bob' }),
      );
      expect(made.UserProfileArn).toContain('user-profile/');
    });
  });
});
