import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Create a project's dev account in Workloads_Dev",
    example: yaml.stringify({
      steps: [
        {
          id: 'dev-account',
          action: 'aws:organizations:createAccount',
          name: 'Create the dev account',
          input: {
            name: 'churn-prediction-dev',
            email: 'aws+churn-prediction-dev@example.com',
            ouPath: 'Workloads/Workloads_Dev',
            tags: { 'ml-project': 'churn-prediction', 'ml-stage': 'dev' },
          },
        },
      ],
    }),
  },
];
