import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish every product of the ML platform (new versions only) to the shared services portfolio',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'aws:servicecatalog:publishProducts',
          name: 'Publish the ML products',
        },
      ],
    }),
  },
  {
    description:
      'Publish only the Studio products, with the templates in a bucket of your choice',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'aws:servicecatalog:publishProducts',
          name: 'Publish the Studio products',
          input: {
            products: ['ml-studio-domain', 'ml-sandbox-studio'],
            bucket: 'acme-ml-product-templates',
          },
        },
      ],
    }),
  },
];
