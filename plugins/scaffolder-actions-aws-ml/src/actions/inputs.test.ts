import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ACCOUNT_STAGES } from '@mlgov/plugin-ml-environments-common';
import { accountStage, projectSlug } from './inputs';

describe('action inputs', () => {
  it('describe the project slug and a stage among the account stages', () => {
    const action = createTemplateAction({
      id: 'test:inputs',
      schema: {
        input: {
          project: projectSlug,
          stage: accountStage('Which account'),
          reads: z => accountStage('The reading account')(z).optional(),
        },
      },
      handler: async () => {},
    });
    expect(action.schema?.input).toMatchObject({
      properties: {
        project: {
          type: 'string',
          description: 'Project slug, e.g. churn-prediction',
        },
        stage: { enum: [...ACCOUNT_STAGES], description: 'Which account' },
        reads: { description: 'The reading account' },
      },
      required: ['project', 'stage'],
    });
  });
});
