import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Ensure the Workloads_Dev OU exists under Workloads',
    example: yaml.stringify({
      steps: [
        {
          id: 'workloads-dev-ou',
          action: 'aws:organizations:ensureOrganizationalUnit',
          name: 'Ensure Workloads/Workloads_Dev',
          input: {
            path: 'Workloads/Workloads_Dev',
          },
        },
      ],
    }),
  },
  {
    description: 'Ensure the Sandbox OU exists directly under the root',
    example: yaml.stringify({
      steps: [
        {
          id: 'sandbox-ou',
          action: 'aws:organizations:ensureOrganizationalUnit',
          name: 'Ensure Sandbox',
          input: {
            path: 'Sandbox',
          },
        },
      ],
    }),
  },
];
