import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
} from '@aws-sdk/client-config-service';
import {
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesForTargetCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSeedFile } from './seed.ts';
import { parseSeed } from './seedSchema.ts';
import type { RunningEmulator } from './server.ts';
import { clientConfig, startTestEmulator } from './__testUtils__/emulator.ts';

describe('the demo seed', () => {
  let emulator: RunningEmulator;
  let org: OrganizationsClient;
  const ouIds = new Map<string, string>();

  beforeAll(async () => {
    ({ emulator, organizations: org } = await startTestEmulator({
      seed: readSeedFile(resolve(__dirname, '../seeds/demo.yaml')),
    }));
    const walk = async (parentId: string, prefix: string) => {
      const { OrganizationalUnits } = await org.send(
        new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }),
      );
      for (const ou of OrganizationalUnits ?? []) {
        const path = prefix ? `${prefix}/${ou.Name}` : ou.Name!;
        ouIds.set(path, ou.Id!);
        await walk(ou.Id!, path);
      }
    };
    await walk('r-demo', '');
  });

  afterAll(() => emulator.close());

  const scpNames = async (targetId: string) =>
    (
      await org.send(
        new ListPoliciesForTargetCommand({
          TargetId: targetId,
          Filter: 'SERVICE_CONTROL_POLICY',
        }),
      )
    ).Policies!.map(p => p.Name!);

  it("has the guide's OU structure", () => {
    expect([...ouIds.keys()].sort()).toEqual([
      'Deployments',
      'Deployments/Deployments_PreProd',
      'Deployments/Deployments_Prod',
      'Infrastructure',
      'Sandbox',
      'Security',
      'Workloads',
      'Workloads/Workloads_Dev',
      'Workloads/Workloads_PreProd',
      'Workloads/Workloads_Prod',
    ]);
  });

  it('misses the VPC SCP on Workloads_PreProd only (drift 1)', async () => {
    expect(await scpNames(ouIds.get('Workloads/Workloads_Dev')!)).toContain(
      'mlgov-require-vpc',
    );
    expect(await scpNames(ouIds.get('Workloads/Workloads_Prod')!)).toContain(
      'mlgov-require-vpc',
    );
    expect(
      await scpNames(ouIds.get('Workloads/Workloads_PreProd')!),
    ).not.toContain('mlgov-require-vpc');
  });

  it('has exactly one non-compliant S3 control result, in fraud-detection-dev (drift 2)', async () => {
    const config = new ConfigServiceClient(clientConfig(emulator));
    const { AggregateComplianceByConfigRules } = await config.send(
      new DescribeAggregateComplianceByConfigRulesCommand({
        ConfigurationAggregatorName:
          'aws-controltower-ConfigAggregatorForOrganizations',
        Filters: { ComplianceType: 'NON_COMPLIANT' },
      }),
    );
    expect(
      AggregateComplianceByConfigRules?.map(r => [
        r.AccountId,
        r.ConfigRuleName,
      ]),
    ).toEqual([
      [
        '210000000011',
        'AWSControlTower_AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
      ],
    ]);
  });

  it('has exactly one drifted control: S3 versioning on Workloads_Prod (drift 3)', () => {
    const drifted = [...emulator.state.enabledControls.values()].filter(
      c => c.driftStatus === 'DRIFTED',
    );
    expect(
      drifted.map(c => [
        c.controlIdentifier.split('/').pop(),
        c.targetIdentifier,
      ]),
    ).toEqual([
      [
        'AWS-GR_S3_VERSIONING_ENABLED',
        expect.stringContaining(ouIds.get('Workloads/Workloads_Prod')!),
      ],
    ]);
  });

  it('leaves fraud-detection-prod in the root although it is tagged for prod (drift 4)', async () => {
    const { Accounts } = await org.send(
      new ListAccountsForParentCommand({ ParentId: 'r-demo' }),
    );
    expect(Accounts?.map(a => a.Name).sort()).toEqual([
      'Management',
      'fraud-detection-prod',
    ]);
    const { Tags } = await org.send(
      new ListTagsForResourceCommand({ ResourceId: '210000000013' }),
    );
    expect(Tags).toContainEqual({ Key: 'ml-stage', Value: 'prod' });
  });

  it('keeps every target within the default quota of 10 SCPs', async () => {
    for (const targetId of [
      'r-demo',
      ...ouIds.values(),
      ...emulator.state.accounts.keys(),
    ]) {
      expect((await scpNames(targetId)).length).toBeLessThanOrEqual(10);
    }
  });

  it('has Studio domains in the dev accounts and pipelines in the automation accounts', () => {
    const domainsByAccount = [...emulator.state.domains.values()]
      .map(d => d.accountId)
      .sort();
    expect(domainsByAccount).toEqual([
      '200000000011',
      '210000000011',
      '220000000011',
    ]);
    // From the published products, launched as Service Catalog does.
    const pipelines = [...emulator.state.records.values()]
      .flatMap(r => r.outputs)
      .filter(o => o.OutputKey === 'PipelineName')
      .map(o => o.OutputValue);
    expect(pipelines).toEqual([
      'churn-prediction-deploy',
      'fraud-detection-deploy',
    ]);
    const published = [...emulator.state.products.values()].map(p => [
      p.name,
      p.artifacts.map(a => a.name),
      p.artifacts[0].templateUrl?.startsWith(
        'https://mlgov-products-100000000010-us-east-1.s3.us-east-1.amazonaws.com/products/',
      ),
    ]);
    expect(published).toContainEqual(['ML Studio domain', ['1.0.0'], true]);
    expect(published).toHaveLength(6);
  });
});

describe('seed files are checked before anything is built', () => {
  it('names each problem with its line', () => {
    const text = [
      'organization:',
      '  accountQuota: ten',
      'accounts:',
      '  - name: a',
      '    email: 5',
      '  - nme: b',
      '    email: b@example.com',
      'controls:',
      '  - control: AWS-GR_S3_VERSIONING_ENABLED',
      '    ou: Sandbox',
      '    drift: SOMETIMES',
      '',
    ].join('\n');
    expect(() => parseSeed(text, 'bad.yaml')).toThrow(
      [
        'bad.yaml is not a valid seed:',
        'bad.yaml:2: organization.accountQuota: must be a number',
        'bad.yaml:5: accounts[0].email: must be a string',
        "bad.yaml:6: accounts[1]: needs 'name'",
        'bad.yaml:6: accounts[1].nme: is not a seed key; known here: name, email, id, tags, status, invited',
        'bad.yaml:11: controls[0].drift: must be one of IN_SYNC, DRIFTED',
      ].join('\n'),
    );
  });

  it('says when the text is not YAML at all', () => {
    expect(() => parseSeed('accounts: [a, b', 'broken.yaml')).toThrow(
      /^broken\.yaml: not valid YAML: /,
    );
  });

  it('accepts the demo seed', () => {
    const demo = resolve(__dirname, '../seeds/demo.yaml');
    expect(() => parseSeed(readFileSync(demo, 'utf8'), demo)).not.toThrow();
  });
});
