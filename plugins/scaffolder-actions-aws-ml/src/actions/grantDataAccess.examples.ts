import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Read the sales and stores databases from the project's dev account",
    example: yaml.stringify({
      steps: [
        {
          id: 'data',
          action: 'aws:lakeformation:grantDataAccess',
          name: 'Data-lake access',
          input: {
            project: 'churn-prediction',
            databases: ['sales', 'stores'],
            reason: 'Features for the churn model come from orders and stores',
          },
        },
      ],
    }),
  },
];
