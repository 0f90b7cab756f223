import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDomainCommand } from '@aws-sdk/client-sagemaker';
import { DescribeRecordCommand } from '@aws-sdk/client-service-catalog';
import { type SeedDocument, loadSeed, readSeedFile } from './seed.ts';
import { startTestEmulator } from './__testUtils__/emulator.ts';
import {
  PROJECT_DEV,
  clientsIn,
  fixture,
  templateSeed,
} from './__testUtils__/templates.ts';

const PARAMETERS = {
  ProjectName: 'churn',
  VpcId: 'vpc-0a1b',
  SubnetIds: 'subnet-0a1,subnet-0b2',
  SecurityGroupIds: 'sg-0c3',
};

function seedWith(
  product: Record<string, unknown>,
  parameters: Record<string, string> = PARAMETERS,
): SeedDocument {
  return {
    ...templateSeed,
    serviceCatalog: [
      {
        account: 'churn-dev',
        portfolio: 'ML Platform',
        products: [{ name: 'Studio domain', ...product } as any],
      },
    ],
    provisionedProducts: [
      {
        account: 'churn-dev',
        product: 'Studio domain',
        name: 'studio',
        parameters,
      },
    ],
  };
}

describe('seeds with template-backed products', () => {
  it('launches a seeded template product as the API would, its outputs on the record', async () => {
    const { emulator } = await startTestEmulator({
      seed: seedWith({ templateBody: fixture('studio-domain.yaml') }),
    });
    try {
      const dev = await clientsIn(emulator, PROJECT_DEV);
      const pp = [...emulator.state.provisionedProducts.values()][0];
      expect(pp.status).toBe('AVAILABLE');
      const { RecordOutputs } = await dev.catalog.send(
        new DescribeRecordCommand({ Id: pp.lastRecordId }),
      );
      const domainId = RecordOutputs!.find(
        o => o.OutputKey === 'DomainId',
      )!.OutputValue;
      const domain = await dev.sageMaker.send(
        new DescribeDomainCommand({ DomainId: domainId }),
      );
      expect(domain.AppNetworkAccessType).toBe('VpcOnly');
      expect(domain.SubnetIds).toEqual(['subnet-0a1', 'subnet-0b2']);
    } finally {
      await emulator.close();
    }
  });

  it('reads a template file relative to the seed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    writeFileSync(
      join(dir, 'key.yaml'),
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n',
    );
    writeFileSync(
      join(dir, 'seed.yaml'),
      'serviceCatalog:\n  - account: Management\n    portfolio: P\n    products:\n      - { name: Key, template: key.yaml }\n',
    );
    const seed = readSeedFile(join(dir, 'seed.yaml'));
    expect(seed.serviceCatalog![0].products[0].templateBody).toContain(
      'AWS::KMS::Key',
    );
    const state = loadSeed(seed);
    expect([...state.products.values()][0].kind).toBe('template');
  });

  it('refuses, naming the product, a seed whose template or launch is wrong', () => {
    expect(() =>
      loadSeed(seedWith({ templateBody: 'Resources: {}\n' })),
    ).toThrow(
      "Seed product 'Studio domain': its template is not valid: Template format error: At least one Resources member must be defined.",
    );
    expect(() =>
      loadSeed(
        seedWith({
          kind: 'generic',
          templateBody: fixture('studio-domain.yaml'),
        }),
      ),
    ).toThrow(/needs exactly one of kind and template/);
    expect(() =>
      loadSeed(
        seedWith(
          { templateBody: fixture('studio-domain.yaml') },
          { ProjectName: 'churn' },
        ),
      ),
    ).toThrow(
      "Seed provisions 'studio': Parameters: [VpcId, SubnetIds, SecurityGroupIds] must have values",
    );
  });
});
