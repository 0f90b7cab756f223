import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Ask to run one real-time endpoint in dev for a demo',
    example: yaml.stringify({
      steps: [
        {
          id: 'exception',
          action: 'aws:ml:requestGuardrailException',
          name: 'Ask to lift deny-sagemaker-hosting in dev',
          input: {
            project: 'churn-prediction',
            stage: 'dev',
            guardrailId: 'deny-sagemaker-hosting',
            reason: 'One real-time endpoint for the board demo on Friday',
            endsAt: '2027-01-15',
          },
        },
      ],
    }),
  },
];
