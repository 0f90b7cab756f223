import { ConfigReader } from '@backstage/config';
import { DEFAULT_BASELINE } from '@mlgov/plugin-ml-environments-common';
import { readMlProvisioningConfig } from './provisioningConfig';

const read = (mlEnvironments: object) =>
  readMlProvisioningConfig(new ConfigReader({ mlEnvironments }));

describe('readMlProvisioningConfig', () => {
  it("defaults to the guide's baseline, a quota of 10 and 5-second polls", () => {
    const config = read({});
    expect(config.baseline).toBe(DEFAULT_BASELINE);
    expect(config.scpQuota).toBe(10);
    expect(config.pollIntervalMs).toBe(5000);
    expect(config.serviceCatalog).toBeUndefined();
  });

  it('reads an overridden baseline and the service catalog settings', () => {
    const config = read({
      guardrails: {
        baseline: { Sandbox: ['deny-sagemaker-hosting'] },
        scpQuota: 5,
      },
      serviceCatalog: {
        sharedServicesAccountId: '100000000010',
        portfolio: 'ML Platform',
      },
      network: {
        dev: {
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          subnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'],
          securityGroupIds: ['sg-0a1b2c3d'],
        },
      },
      provisioning: { pollIntervalSeconds: 0.5 },
    });
    expect(config.baseline).toEqual({ Sandbox: ['deny-sagemaker-hosting'] });
    expect(config.scpQuota).toBe(5);
    expect(config.serviceCatalog?.portfolio).toBe('ML Platform');
    expect(config.network).toEqual({
      dev: {
        vpcId: 'vpc-0a1b2c3d4e5f60718',
        subnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'],
        securityGroupIds: ['sg-0a1b2c3d'],
      },
    });
    expect(config.pollIntervalMs).toBe(500);
  });

  it.each([
    [
      { guardrails: { baseline: { Sandbox: ['deny-everything'] } } },
      /mlEnvironments\.guardrails\.baseline: Sandbox: unknown guardrail 'deny-everything'/,
    ],
    [
      { guardrails: { scpQuota: 0 } },
      /mlEnvironments\.guardrails\.scpQuota: 0 is not a whole number/,
    ],
    [
      { accounts: { emailTemplate: 'ml@example.com' } },
      /mlEnvironments\.accounts\.emailTemplate: 'ml@example.com' must contain \{stage\}/,
    ],
    [
      {
        serviceCatalog: {
          sharedServicesAccountId: '123',
          portfolio: 'p',
        },
      },
      /mlEnvironments\.serviceCatalog\.sharedServicesAccountId: '123' is not a 12-digit/,
    ],
    [
      { network: { dev: { vpcId: 'vpc-0a1b2c3d', subnetIds: ['sub-1'] } } },
      /mlEnvironments\.network\.dev\.subnetIds: sub-1 is not a subnet id/,
    ],
    [
      { network: { staging: { vpcId: 'vpc-0a1b2c3d', subnetIds: [] } } },
      /mlEnvironments\.network\.staging: unknown stage/,
    ],
    [
      { serviceCatalog: { sharedServicesAccountId: '100000000010' } },
      /mlEnvironments\.serviceCatalog\.portfolio/,
    ],
    // A required tag the suite's resources do not carry would deny them.
    [
      { guardrails: { parameters: { costTagKeys: ['CostCenter'] } } },
      /costTagKeys: CostCenter is not in the suite's tag scheme; the suite tags accounts and resources with ml-project, ml-pattern, ml-stage, cost-center, owner/,
    ],
  ])('names the key of a bad value: %j', (config, message) => {
    expect(() => read(config)).toThrow(message);
  });
});
