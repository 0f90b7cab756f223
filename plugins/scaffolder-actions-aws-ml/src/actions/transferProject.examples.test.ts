import { ListTagsForResourceCommand } from '@aws-sdk/client-organizations';
import { createTransferProjectAction } from './transferProject';
import { examples } from './transferProject.examples';
import { runExample } from './__testUtils__/examples';
import { testAuthority } from './__testUtils__/authority';

// The demo's churn-prediction as the suite records it (its dev account only).
const churnRecord = testAuthority({
  records: [
    {
      project: 'churn-prediction',
      pattern: 'mlops',
      owner: 'group:default/team-churn',
      accounts: [{ stage: 'dev', accountId: '200000000011' }],
      origin: 'adopted',
      createdBy: 'config',
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
    },
  ],
});

describe('aws:ml:transferProject examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(
      example,
      createTransferProjectAction,
      async ({ input, env, outputs }) => {
        expect(outputs.accountIds).toEqual(['200000000011']);
        const org = await env.deps.clients.organizations();
        const { Tags = [] } = await org.send(
          new ListTagsForResourceCommand({ ResourceId: '200000000011' }),
        );
        expect(Tags).toContainEqual({ Key: 'owner', Value: input.owner });
      },
      churnRecord,
    ),
  );
});
