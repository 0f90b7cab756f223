import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A 500 USD monthly limit for a sandbox account',
    example: yaml.stringify({
      steps: [
        {
          id: 'sandbox-budget',
          action: 'aws:budgets:createBudget',
          name: 'Set the spending limit',
          input: {
            accountId: '230000000001',
            name: 'vision-lab-spending-limit',
            limitUsd: 500,
            alertEmail: 'vision-lab@example.com',
          },
        },
      ],
    }),
  },
];
