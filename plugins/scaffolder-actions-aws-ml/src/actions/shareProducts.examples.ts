import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Share the ML portfolio with Workloads_Dev and accept it in a project's dev account",
    example: yaml.stringify({
      steps: [
        {
          id: 'share',
          action: 'aws:servicecatalog:shareProducts',
          name: 'Share the ML products',
          input: {
            ouPath: 'Workloads/Workloads_Dev',
            acceptIn: ['220000000011'],
          },
        },
      ],
    }),
  },
];
