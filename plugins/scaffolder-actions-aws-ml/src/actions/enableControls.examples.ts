import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Enable the guide's S3 detective controls on Workloads_Prod",
    example: yaml.stringify({
      steps: [
        {
          id: 'prod-controls',
          action: 'aws:controltower:enableControls',
          name: 'Enable the S3 controls',
          input: {
            ouPath: 'Workloads/Workloads_Prod',
            controls: [
              'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
              'AWS-GR_S3_VERSIONING_ENABLED',
            ],
          },
        },
      ],
    }),
  },
];
