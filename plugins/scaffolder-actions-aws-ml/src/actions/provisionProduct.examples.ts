import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Provision a SageMaker Studio domain in a project's dev account",
    example: yaml.stringify({
      steps: [
        {
          id: 'studio',
          action: 'aws:servicecatalog:provisionProduct',
          name: 'Provision SageMaker Studio',
          input: {
            accountId: '220000000011',
            product: 'ML Studio domain',
            provisionedProductName: 'demand-forecast-studio-2',
            parameters: {
              ProjectName: 'demand-forecast',
              CostCenter: 'CC-1002',
              Owner: 'group:default/team-forecast',
              DomainName: 'demand-forecast-dev-2',
              VpcId: 'vpc-0a1b2c3d4e5f60718',
              SubnetIds: 'subnet-0a1b2c3d4e5f60719,subnet-0b1c2d3e4f5a6b7c8',
              SecurityGroupIds: 'sg-0c1d2e3f4a5b6c7d8',
            },
            tags: { 'ml-project': 'demand-forecast' },
          },
        },
      ],
    }),
  },
];
