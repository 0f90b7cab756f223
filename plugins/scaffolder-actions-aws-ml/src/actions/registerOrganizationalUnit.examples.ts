import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register a new OU, made by the step before, with Control Tower',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'aws:controltower:registerOrganizationalUnit',
          name: 'Register Workloads_Test',
          input: { ouPath: 'Workloads/Workloads_Test' },
        },
      ],
    }),
  },
];
