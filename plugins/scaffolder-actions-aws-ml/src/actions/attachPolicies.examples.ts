import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Deny real-time SageMaker hosting and require VPCs in Workloads_Dev',
    example: yaml.stringify({
      steps: [
        {
          id: 'dev-guardrails',
          action: 'aws:organizations:attachPolicies',
          name: 'Attach the dev guardrails',
          input: {
            ouPath: 'Workloads/Workloads_Dev',
            guardrails: ['deny-sagemaker-hosting', 'require-vpc'],
          },
        },
      ],
    }),
  },
  {
    description: 'Attach a custom SCP to one account',
    example: yaml.stringify({
      steps: [
        {
          id: 'custom-scp',
          action: 'aws:organizations:attachPolicies',
          name: 'Deny leaving the organization',
          input: {
            accountId: '200000000011',
            policies: [
              {
                name: 'deny-leave-organization',
                description: 'Accounts stay in the organization',
                content: JSON.stringify({
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Deny',
                      Action: 'organizations:LeaveOrganization',
                      Resource: '*',
                    },
                  ],
                }),
              },
            ],
          },
        },
      ],
    }),
  },
];
