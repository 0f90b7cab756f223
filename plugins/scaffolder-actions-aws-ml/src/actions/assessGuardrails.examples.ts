import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Check that a project's accounts refuse what their guardrails are for",
    example: yaml.stringify({
      steps: [
        {
          id: 'assess',
          action: 'aws:ml:assessGuardrails',
          name: 'Assess the guardrails of churn-prediction',
          input: { project: 'churn-prediction', failOnDifference: true },
        },
      ],
    }),
  },
];
