import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Retire a project whose model was replaced',
    example: yaml.stringify({
      steps: [
        {
          id: 'offboard',
          action: 'aws:ml:offboardProject',
          name: 'Retire churn-prediction',
          input: {
            project: 'churn-prediction',
            reason: 'model replaced by churn-prediction-v2',
          },
        },
      ],
    }),
  },
  {
    description:
      'Retire a project and end its open guardrail exceptions in the same run',
    example: yaml.stringify({
      steps: [
        {
          id: 'offboard',
          action: 'aws:ml:offboardProject',
          name: 'Retire fraud-detection',
          input: {
            project: 'fraud-detection',
            reason: 'the demo is over; nothing runs in production',
            revokeOpenExceptions: true,
          },
        },
      ],
    }),
  },
];
