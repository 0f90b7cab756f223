import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Pattern 1: a sandbox account with a spending limit',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'aws:ml:provisionProject',
          name: 'Provision the sandbox',
          input: {
            pattern: 'sandbox',
            project: 'image-tagging',
            owner: 'group:default/team-vision',
            costCenter: 'CC-3003',
            accountEmailTemplate: 'aws+{project}-{stage}@example.com',
            spendingLimitUsd: 300,
            alertEmail: 'team-vision@example.com',
          },
        },
      ],
    }),
  },
  {
    description:
      'Pattern 2: a dev account on corporate data with SageMaker Studio',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'aws:ml:provisionProject',
          name: 'Provision the dev environment',
          input: {
            pattern: 'dev',
            project: 'price-elasticity',
            owner: 'group:default/team-pricing',
            costCenter: 'CC-4001',
            accountEmailTemplate: 'aws+{project}-{stage}@example.com',
            datasets: ['sales', 'prices'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Pattern 3: MLOps with dev, preprod, prod and the pipeline in Automation',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'aws:ml:provisionProject',
          name: 'Provision the MLOps layout',
          input: {
            pattern: 'mlops',
            project: 'credit-risk',
            owner: 'group:default/team-risk',
            costCenter: 'CC-5001',
            accountEmailTemplate: 'aws+{project}-{stage}@example.com',
            prodApprovalRequired: true,
          },
        },
      ],
    }),
  },
];
