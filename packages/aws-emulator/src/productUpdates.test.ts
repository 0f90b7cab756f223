import {
  DescribeDomainCommand,
  DescribeUserProfileCommand,
} from '@aws-sdk/client-sagemaker';
import {
  DescribeProvisionedProductCommand,
  GetProvisionedProductOutputsCommand,
  ProvisionProductCommand,
  SearchProvisionedProductsCommand,
  UpdateProvisioningArtifactCommand,
  UpdateProvisionedProductCommand,
  type UpdateProvisionedProductCommandInput,
} from '@aws-sdk/client-service-catalog';
import type { RunningEmulator } from './server.ts';
import { errorOf, startTestEmulator } from './__testUtils__/emulator.ts';
import {
  type AccountClients,
  PROJECT_DEV,
  addArtifact,
  clientsIn,
  fixture,
  launchTemplate,
  publishTemplate,
  settledRecord,
  templateEmulatorEach,
  templateSeed,
  uploadTemplate,
} from './__testUtils__/templates.ts';

const STUDIO_PARAMETERS = [
  { Key: 'ProjectName', Value: 'churn' },
  { Key: 'VpcId', Value: 'vpc-0a1b2c3d' },
  { Key: 'SubnetIds', Value: 'subnet-0a1,subnet-0b2' },
  { Key: 'SecurityGroupIds', Value: 'sg-0c3' },
];
// EnvType was left to its default at launch: that is its previous value.
const PREVIOUS = [...STUDIO_PARAMETERS, { Key: 'EnvType' }].map(p => ({
  Key: p.Key,
  UsePreviousValue: true,
}));

/** Version 2 of the Studio template: one more output, else the same. */
const V2 = `${fixture(
  'studio-domain.yaml',
)}  TemplateVersion:\n    Value: v2\n`;
/** A version whose domain is public: the Workloads SCP denies CreateDomain. */
const PUBLIC = fixture('studio-domain.yaml').replace(
  'Default: VpcOnly',
  'Default: PublicInternetOnly',
);

describe('UpdateProvisionedProduct', () => {
  let emulator: RunningEmulator;
  let dev: AccountClients;
  templateEmulatorEach(started => ({ emulator, dev } = started));

  /** The Studio product launched at v1, and a second version published. */
  async function launchedWithVersion(body: string) {
    const launched = await launchTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
      STUDIO_PARAMETERS,
    );
    expect(launched.RecordDetail?.Status).toBe('SUCCEEDED');
    const url = await uploadTemplate(dev, PROJECT_DEV, 'v2.yaml', body);
    const { ProvisioningArtifactDetail } = await addArtifact(
      dev,
      launched.RecordDetail!.ProductId!,
      url,
      'v2',
    );
    const outputs = Object.fromEntries(
      launched.RecordOutputs!.map(o => [o.OutputKey, o.OutputValue]),
    );
    return {
      productId: launched.RecordDetail!.ProductId!,
      v1: launched.RecordDetail!.ProvisioningArtifactId!,
      v2: ProvisioningArtifactDetail!.Id!,
      domainId: outputs.DomainId!,
    };
  }

  const update = (input: Partial<UpdateProvisionedProductCommandInput>) =>
    dev.catalog.send(
      new UpdateProvisionedProductCommand({
        ProvisionedProductName: 'studio',
        UpdateToken: 'update-1',
        ...input,
      }),
    );

  it('moves the product to the new version, keeping its unchanged resources, visible in its record and searches', async () => {
    const p = await launchedWithVersion(V2);
    const { RecordDetail } = await update({
      ProvisioningArtifactId: p.v2,
      ProvisioningParameters: PREVIOUS,
    });
    expect(RecordDetail).toMatchObject({
      RecordType: 'UPDATE_PROVISIONED_PRODUCT',
      Status: 'CREATED',
      ProvisioningArtifactId: p.v2,
    });
    const settled = await settledRecord(dev.catalog, RecordDetail!.RecordId!);
    expect(settled.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(settled.RecordOutputs).toContainEqual({
      OutputKey: 'TemplateVersion',
      OutputValue: 'v2',
    });
    // The domain is the same one: its properties did not change.
    expect(settled.RecordOutputs).toContainEqual(
      expect.objectContaining({
        OutputKey: 'DomainId',
        OutputValue: p.domainId,
      }),
    );
    const { ProvisionedProductDetail } = await dev.catalog.send(
      new DescribeProvisionedProductCommand({ Name: 'studio' }),
    );
    expect(ProvisionedProductDetail).toMatchObject({
      Status: 'AVAILABLE',
      ProvisioningArtifactId: p.v2,
      LastRecordId: RecordDetail!.RecordId,
      LastSuccessfulProvisioningRecordId: RecordDetail!.RecordId,
    });
    const searched = await dev.catalog.send(
      new SearchProvisionedProductsCommand({
        Filters: { SearchQuery: [`provisioningArtifactId:${p.v2}`] },
      }),
    );
    expect(searched.ProvisionedProducts?.map(pp => pp.Name)).toEqual([
      'studio',
    ]);
    const outputs = await dev.catalog.send(
      new GetProvisionedProductOutputsCommand({
        ProvisionedProductName: 'studio',
        OutputKeys: ['TemplateVersion'],
      }),
    );
    expect(outputs.Outputs?.[0]?.OutputValue).toBe('v2');
  });

  it('answers a repeated UpdateToken with the first record instead of a second update', async () => {
    const p = await launchedWithVersion(V2);
    const input = {
      ProvisioningArtifactId: p.v2,
      ProvisioningParameters: PREVIOUS,
    };
    const first = await update(input);
    await settledRecord(dev.catalog, first.RecordDetail!.RecordId!);
    const again = await update(input);
    expect(again.RecordDetail?.RecordId).toBe(first.RecordDetail?.RecordId);
    expect(again.RecordDetail?.Status).toBe('SUCCEEDED');
    const updates = [...emulator.state.records.values()].filter(
      r => r.recordType === 'UPDATE_PROVISIONED_PRODUCT',
    );
    expect(updates).toHaveLength(1);
  });

  it('creates what a changed parameter adds, taking the others from UsePreviousValue', async () => {
    const p = await launchedWithVersion(V2);
    const { RecordDetail } = await update({
      ProvisioningArtifactId: p.v2,
      ProvisioningParameters: [...PREVIOUS, { Key: 'FirstUser', Value: 'ada' }],
    });
    const settled = await settledRecord(dev.catalog, RecordDetail!.RecordId!);
    expect(settled.RecordDetail?.Status).toBe('SUCCEEDED');
    await dev.sageMaker.send(
      new DescribeUserProfileCommand({
        DomainId: p.domainId,
        UserProfileName: 'ada',
      }),
    );
  });

  it("fails a version whose resource the SCPs deny with AWS's message, leaving the old version and its resources", async () => {
    const p = await launchedWithVersion(PUBLIC);
    const keysBefore = emulator.state.kmsKeys.size;
    const { RecordDetail } = await update({
      ProvisioningArtifactId: p.v2,
      ProvisioningParameters: PREVIOUS,
    });
    const settled = await settledRecord(dev.catalog, RecordDetail!.RecordId!);
    expect(settled.RecordDetail?.Status).toBe('FAILED');
    expect(settled.RecordDetail?.RecordErrors?.[0]?.Description).toMatch(
      /^The following resource\(s\) failed to update: \[Domain\]\. Resource handler returned message: "User: arn:aws:sts::444444444444:assumed-role\/OrganizationAccountAccessRole\/test is not authorized to perform: sagemaker:CreateDomain with an explicit deny in a service control policy/,
    );
    const { ProvisionedProductDetail } = await dev.catalog.send(
      new DescribeProvisionedProductCommand({ Name: 'studio' }),
    );
    expect(ProvisionedProductDetail).toMatchObject({
      Status: 'TAINTED',
      ProvisioningArtifactId: p.v1,
    });
    const domain = await dev.sageMaker.send(
      new DescribeDomainCommand({ DomainId: p.domainId }),
    );
    expect(domain.AppNetworkAccessType).toBe('VpcOnly');
    expect(emulator.state.kmsKeys.size).toBe(keysBefore);
    expect(emulator.state.domains.size).toBe(1);
    // TAINTED is stable: the product may be updated again (here to v1).
    const back = await update({
      UpdateToken: 'update-2',
      ProvisioningArtifactId: p.v1,
      ProvisioningParameters: PREVIOUS,
    });
    const restored = await settledRecord(
      dev.catalog,
      back.RecordDetail!.RecordId!,
    );
    expect(restored.RecordDetail?.Status).toBe('SUCCEEDED');
  });

  it('refuses bad requests with the documented errors, changing nothing', async () => {
    const p = await launchedWithVersion(V2);
    const missing = await errorOf(
      update({
        ProvisionedProductName: 'nothing',
        ProvisioningArtifactId: p.v2,
      }),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    const unknownVersion = await errorOf(
      update({ ProvisioningArtifactId: 'pa-nothing' }),
    );
    expect(unknownVersion.name).toBe('ResourceNotFoundException');
    const retag = await errorOf(
      update({
        ProvisioningArtifactId: p.v2,
        Tags: [{ Key: 'CostCenter', Value: 'CC-9' }],
      }),
    );
    expect(retag.name).toBe('InvalidParametersException');
    expect(retag.message).toMatch(/RESOURCE_UPDATE constraint/);
    const noPrevious = await errorOf(
      update({
        ProvisioningArtifactId: p.v2,
        ProvisioningParameters: [{ Key: 'Nothing', UsePreviousValue: true }],
      }),
    );
    expect(noPrevious.message).toMatch(/no previous value/);
    await dev.catalog.send(
      new UpdateProvisioningArtifactCommand({
        ProductId: p.productId,
        ProvisioningArtifactId: p.v2,
        Active: false,
      }),
    );
    const inactive = await errorOf(update({ ProvisioningArtifactId: p.v2 }));
    expect(inactive.name).toBe('InvalidParametersException');
    expect(inactive.message).toMatch(/inactive/);
    expect(
      [...emulator.state.records.values()].filter(
        r => r.recordType === 'UPDATE_PROVISIONED_PRODUCT',
      ),
    ).toEqual([]);
  });
});

describe('UpdateProvisionedProduct while the product is under change', () => {
  it('answers InvalidStateException', async () => {
    // CloudFormation never finishes here: the launch stays UNDER_CHANGE.
    const { emulator } = await startTestEmulator({
      seed: templateSeed,
      config: { asyncDelayMs: 3_600_000 },
    });
    try {
      const dev = await clientsIn(emulator, PROJECT_DEV);
      const { productId, artifactId } = await publishTemplate(
        dev,
        PROJECT_DEV,
        'studio-domain.yaml',
      );
      await dev.catalog.send(
        new ProvisionProductCommand({
          ProductId: productId,
          ProvisioningArtifactId: artifactId,
          ProvisionedProductName: 'studio',
          ProvisionToken: 'studio-1',
          ProvisioningParameters: STUDIO_PARAMETERS,
        }),
      );
      const refused = await errorOf(
        dev.catalog.send(
          new UpdateProvisionedProductCommand({
            ProvisionedProductName: 'studio',
            ProvisioningArtifactId: artifactId,
            UpdateToken: 'update-1',
          }),
        ),
      );
      expect(refused.name).toBe('InvalidStateException');
      expect(refused.message).toMatch(/UNDER_CHANGE/);
      expect(emulator.state.records.size).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});
