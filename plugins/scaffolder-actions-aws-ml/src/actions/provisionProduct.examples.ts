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
            product: 'SageMaker Studio domain',
            provisionedProductName: 'demand-forecast-studio-2',
            parameters: { DomainName: 'demand-forecast-dev-2' },
            tags: { 'ml-project': 'demand-forecast' },
          },
        },
      ],
    }),
  },
];
