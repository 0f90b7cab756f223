import {
  ControlTowerClient,
  DisableControlCommand,
  EnableControlCommand,
  GetControlOperationCommand,
  ListEnabledControlsCommand,
} from '@aws-sdk/client-controltower';
import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeComplianceByConfigRuleCommand,
  GetComplianceDetailsByConfigRuleCommand,
} from '@aws-sdk/client-config-service';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  restCall,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const control = (name: string) =>
  `arn:aws:controltower:us-east-1::control/${name}`;

describe('Control Tower and Config', () => {
  let emulator: RunningEmulator;
  let controlTower: ControlTowerClient;
  let devOuArn: string;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({
      seed: {
        accessKeys: {
          'emulator-management': 'Management',
          'dev-key': 'churn-dev',
        },
        organizationalUnits: [
          {
            name: 'Workloads',
            children: [
              {
                name: 'Workloads_Dev',
                accounts: [
                  {
                    name: 'churn-dev',
                    email: 'churn-dev@example.com',
                    id: '222222222222',
                  },
                ],
              },
            ],
          },
        ],
      },
    }));
    controlTower = new ControlTowerClient(clientConfig(emulator));
    devOuArn = [...emulator.state.ous.values()].find(
      o => o.name === 'Workloads_Dev',
    )!.arn;
  });

  afterEach(() => emulator.close());

  it('enables a detective control asynchronously and deploys its Config rule to the OU accounts', async () => {
    const { operationIdentifier } = await controlTower.send(
      new EnableControlCommand({
        controlIdentifier: control('AWS-GR_S3_VERSIONING_ENABLED'),
        targetIdentifier: devOuArn,
      }),
    );
    expect(operationIdentifier).toMatch(/^[0-9a-f-]{36}$/);

    const { controlOperation } = await controlTower.send(
      new GetControlOperationCommand({ operationIdentifier }),
    );
    expect(controlOperation).toMatchObject({
      operationType: 'ENABLE_CONTROL',
      status: 'SUCCEEDED',
    });

    const listed = await controlTower.send(
      new ListEnabledControlsCommand({ targetIdentifier: devOuArn }),
    );
    expect(listed.enabledControls?.map(c => c.controlIdentifier)).toEqual([
      control('AWS-GR_S3_VERSIONING_ENABLED'),
    ]);
    const raw = await restCall(emulator, '/list-enabled-controls', {
      targetIdentifier: devOuArn,
    });
    const arn = raw.body.enabledControls[0].arn;
    expect(arn).toMatch(
      /^arn:aws:controltower:us-east-1:111111111111:enabledcontrol\//,
    );
    expect(raw.body.enabledControls[0]).toMatchObject({
      statusSummary: {
        status: 'SUCCEEDED',
        lastOperationIdentifier: operationIdentifier,
      },
      driftStatusSummary: { driftStatus: 'IN_SYNC' },
    });
    const detail = await restCall(emulator, '/get-enabled-control', {
      enabledControlIdentifier: arn,
    });
    expect(detail.body.enabledControlDetails).toMatchObject({
      arn,
      targetIdentifier: devOuArn,
      statusSummary: { status: 'SUCCEEDED' },
      driftStatusSummary: {
        driftStatus: 'IN_SYNC',
        types: { inheritance: { status: 'IN_SYNC' } },
      },
    });

    // The rule is now in the member account, with no evaluations yet.
    const config = new ConfigServiceClient(clientConfig(emulator, 'dev-key'));
    const compliance = await config.send(
      new DescribeComplianceByConfigRuleCommand({}),
    );
    expect(compliance.ComplianceByConfigRules).toEqual([
      {
        ConfigRuleName: 'AWSControlTower_AWS-GR_S3_VERSIONING_ENABLED',
        Compliance: { ComplianceType: 'INSUFFICIENT_DATA' },
      },
    ]);
  });

  it('reports a control that is still being enabled as IN_PROGRESS and UNDER_CHANGE', async () => {
    const slow = await startTestEmulator({
      config: { asyncDelayMs: 60_000 },
      seed: { organizationalUnits: [{ name: 'Sandbox' }] },
    });
    try {
      const client = new ControlTowerClient(clientConfig(slow.emulator));
      const target = [...slow.emulator.state.ous.values()][0].arn;
      const { operationIdentifier } = await client.send(
        new EnableControlCommand({
          controlIdentifier: control('AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED'),
          targetIdentifier: target,
        }),
      );
      const { controlOperation } = await client.send(
        new GetControlOperationCommand({ operationIdentifier }),
      );
      expect(controlOperation?.status).toBe('IN_PROGRESS');
      const conflict = await errorOf(
        client.send(
          new EnableControlCommand({
            controlIdentifier: control(
              'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
            ),
            targetIdentifier: target,
          }),
        ),
      );
      expect(conflict.name).toBe('ValidationException');
      const raw = await restCall(slow.emulator, '/list-enabled-controls', {
        targetIdentifier: target,
      });
      expect(raw.body.enabledControls[0].statusSummary.status).toBe(
        'UNDER_CHANGE',
      );
    } finally {
      await slow.emulator.close();
    }
  });

  it('attaches an aws-guardrails SCP for a preventive control, and removes it on disable', async () => {
    const organizations = new OrganizationsClient(clientConfig(emulator));
    const ouId = devOuArn.split('/').pop()!;
    await controlTower.send(
      new EnableControlCommand({
        controlIdentifier: control('AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED'),
        targetIdentifier: devOuArn,
      }),
    );
    const { arn } = emulator.state.enabledControls.values().next().value!;
    const scpNames = async () =>
      (
        await organizations.send(
          new ListPoliciesForTargetCommand({
            TargetId: ouId,
            Filter: 'SERVICE_CONTROL_POLICY',
          }),
        )
      ).Policies?.map(p => p.Name);
    // Asynchronous work completes on the next call.
    await controlTower.send(
      new ListEnabledControlsCommand({ targetIdentifier: devOuArn }),
    );
    expect(await scpNames()).toEqual([
      'FullAWSAccess',
      'aws-guardrails-AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED',
    ]);

    const { operationIdentifier } = await controlTower.send(
      new DisableControlCommand({
        controlIdentifier: control('AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED'),
        targetIdentifier: devOuArn,
      }),
    );
    const { controlOperation } = await controlTower.send(
      new GetControlOperationCommand({ operationIdentifier }),
    );
    expect(controlOperation).toMatchObject({
      operationType: 'DISABLE_CONTROL',
      status: 'SUCCEEDED',
    });
    expect(await scpNames()).toEqual(['FullAWSAccess']);
    const gone = await restCall(emulator, '/get-enabled-control', {
      enabledControlIdentifier: arn,
    });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('x-amzn-errortype')).toBe(
      'ResourceNotFoundException',
    );
  });

  it('rejects unknown and mandatory controls, unknown targets and member callers', async () => {
    const enable = (controlIdentifier: string, targetIdentifier = devOuArn) =>
      errorOf(
        controlTower.send(
          new EnableControlCommand({ controlIdentifier, targetIdentifier }),
        ),
      );
    expect((await enable(control('AWS-GR_NOT_A_CONTROL'))).name).toBe(
      'ResourceNotFoundException',
    );
    const mandatory = await enable(
      control('AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED'),
    );
    expect(mandatory.name).toBe('ValidationException');
    expect(mandatory.message).toContain('mandatory');
    const noTarget = await enable(
      control('AWS-GR_S3_VERSIONING_ENABLED'),
      'arn:aws:organizations::111111111111:ou/o-xxxxxxxxxx/ou-xxxx-xxxxxxxx',
    );
    expect(noTarget.name).toBe('ResourceNotFoundException');
    const member = new ControlTowerClient(clientConfig(emulator, 'dev-key'));
    const denied = await errorOf(
      member.send(
        new ListEnabledControlsCommand({ targetIdentifier: devOuArn }),
      ),
    );
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata.httpStatusCode).toBe(403);
  });

  it('reads Config compliance per rule, per resource and across the organization', async () => {
    const seeded = await startTestEmulator({
      seed: {
        accessKeys: {
          'emulator-management': 'Management',
          'dev-key': 'churn-dev',
        },
        organizationalUnits: [
          {
            name: 'Workloads_Dev',
            accounts: [
              { name: 'churn-dev', email: 'd@example.com', id: '222222222222' },
            ],
          },
        ],
        controls: [
          {
            control: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
            ou: 'Workloads_Dev',
          },
        ],
        configEvaluations: [
          {
            account: 'churn-dev',
            control: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
            resource: 'churn-raw',
            compliance: 'NON_COMPLIANT',
          },
          {
            account: 'churn-dev',
            control: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
            resource: 'churn-features',
            compliance: 'COMPLIANT',
          },
        ],
      },
    });
    try {
      const rule = 'AWSControlTower_AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED';
      const member = new ConfigServiceClient(
        clientConfig(seeded.emulator, 'dev-key'),
      );
      const byRule = await member.send(
        new DescribeComplianceByConfigRuleCommand({ ConfigRuleNames: [rule] }),
      );
      expect(byRule.ComplianceByConfigRules?.[0].Compliance).toEqual({
        ComplianceType: 'NON_COMPLIANT',
        ComplianceContributorCount: { CappedCount: 1, CapExceeded: false },
      });
      const details = await member.send(
        new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: rule,
          ComplianceTypes: ['NON_COMPLIANT'],
        }),
      );
      expect(
        details.EvaluationResults?.map(
          r =>
            r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId,
        ),
      ).toEqual(['churn-raw']);
      const missing = await errorOf(
        member.send(
          new DescribeComplianceByConfigRuleCommand({
            ConfigRuleNames: ['nope'],
          }),
        ),
      );
      expect(missing.name).toBe('NoSuchConfigRuleException');

      const management = new ConfigServiceClient(clientConfig(seeded.emulator));
      const aggregate = await management.send(
        new DescribeAggregateComplianceByConfigRulesCommand({
          ConfigurationAggregatorName:
            'aws-controltower-ConfigAggregatorForOrganizations',
          Filters: { ComplianceType: 'NON_COMPLIANT' },
        }),
      );
      expect(aggregate.AggregateComplianceByConfigRules).toEqual([
        expect.objectContaining({
          ConfigRuleName: rule,
          AccountId: '222222222222',
          AwsRegion: 'us-east-1',
        }),
      ]);
      const noAggregator = await errorOf(
        management.send(
          new DescribeAggregateComplianceByConfigRulesCommand({
            ConfigurationAggregatorName: 'other',
          }),
        ),
      );
      expect(noAggregator.name).toBe('NoSuchConfigurationAggregatorException');
    } finally {
      await seeded.emulator.close();
    }
  });

  it('lets assumed-role credentials read Config in the member account', async () => {
    const sts = new STSClient(clientConfig(emulator));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
        RoleSessionName: 'status',
      }),
    );
    const config = new ConfigServiceClient(
      clientConfig(
        emulator,
        Credentials!.AccessKeyId,
        Credentials!.SessionToken,
      ),
    );
    const result = await config.send(
      new DescribeComplianceByConfigRuleCommand({}),
    );
    expect(result.ComplianceByConfigRules).toEqual([]);
  });
});
