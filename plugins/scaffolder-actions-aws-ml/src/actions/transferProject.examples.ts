import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Hand a project over to another team',
    example: yaml.stringify({
      steps: [
        {
          id: 'transfer',
          action: 'aws:ml:transferProject',
          name: 'Move churn-prediction to team-risk',
          input: {
            project: 'churn-prediction',
            owner: 'group:default/team-risk',
            reason: 'team-churn merged into team-risk',
          },
        },
      ],
    }),
  },
];
