import {
  CreateDomainCommand,
  CreateUserProfileCommand,
  DeleteDomainCommand,
  DeleteUserProfileCommand,
  ListDomainsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { resolve } from 'node:path';
import { governedDomainRequest, projectTags } from './governedRequests.ts';
import { readSeedFile } from './seed.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

describe('SageMaker domains', () => {
  it('refuses to delete a domain that holds user profiles, as SageMaker does, and deletes it once they are gone', async () => {
    const env = await startTestEmulator({
      seed: {
        ...readSeedFile(resolve(__dirname, '../seeds/demo.yaml')),
        accessKeys: { 'member-key': 'churn-prediction-dev' },
      },
      config: { asyncDelayMs: 0 },
    });
    try {
      const sageMaker = new SageMakerClient(
        clientConfig(env.emulator, 'member-key'),
      );
      const { DomainArn } = await sageMaker.send(
        new CreateDomainCommand(
          governedDomainRequest('200000000011', 'to-delete'),
        ),
      );
      const DomainId = DomainArn!.split('/').pop()!;
      await sageMaker.send(
        new CreateUserProfileCommand({
          DomainId,
          UserProfileName: 'ada',
          Tags: projectTags('to-delete'),
        }),
      );
      const refused = await errorOf(
        sageMaker.send(new DeleteDomainCommand({ DomainId })),
      );
      expect(refused.name).toBe('ResourceInUse');
      expect(refused.message).toContain('contains user profiles (ada)');
      expect(env.emulator.state.domains.has(DomainId)).toBe(true);

      await sageMaker.send(
        new DeleteUserProfileCommand({ DomainId, UserProfileName: 'ada' }),
      );
      // Gone after the asynchronous work (no delay here), then deletable.
      await sageMaker.send(new DeleteDomainCommand({ DomainId }));
      const { Domains } = await sageMaker.send(new ListDomainsCommand({}));
      expect(Domains!.map(d => d.DomainId)).not.toContain(DomainId);
    } finally {
      await env.emulator.close();
    }
  });
});
