import { readFileSync } from 'node:fs';
import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
} from '@aws-sdk/client-config-service';
import {
  ControlTowerClient,
  EnableControlCommand,
} from '@aws-sdk/client-controltower';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
  ListRootsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import {
  CreateDomainCommand,
  CreateUserProfileCommand,
  DeleteUserProfileCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  CreatePortfolioCommand,
  CreatePortfolioShareCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { hasConstraintModel } from './constraints.ts';
import { governedDomainRequest, projectTags } from './governedRequests.ts';
import { clientConfig, errorOf } from './__testUtils__/emulator.ts';
import {
  MEMBER_KEY,
  demoEmulatorForFile,
  memberCostBudget,
} from './__testUtils__/demo.ts';

// One describe per bullet of "Known differences from AWS" in
// docs/aws-emulator.md (docs.test.ts keeps the two lists equal), each
// proving what its bullet says, so the section stays true.

const env = demoEmulatorForFile();

const management = () => clientConfig(env.emulator);
const member = () => clientConfig(env.emulator, MEMBER_KEY);

describe('Request checks', () => {
  it('has no model of the landing zone and baseline operations', () => {
    expect(hasConstraintModel('controltower', 'EnableBaseline')).toBe(false);
    expect(hasConstraintModel('controltower', 'EnableControl')).toBe(true);
  });
});

describe('Authentication', () => {
  it('accepts a request signed with a wrong secret', async () => {
    const forged = new OrganizationsClient({
      ...management(),
      credentials: {
        accessKeyId: 'emulator-management',
        secretAccessKey: 'not-the-secret',
      },
    });
    const { Roots } = await forged.send(new ListRootsCommand({}));
    expect(Roots).toHaveLength(1);
  });
});

describe('Organizations', () => {
  it('serves service control policies only, and members may only describe the organization', async () => {
    const policy = await errorOf(
      new OrganizationsClient(management()).send(
        new CreatePolicyCommand({
          Name: 'tags',
          Description: '',
          Type: 'TAG_POLICY',
          Content: '{}',
        }),
      ),
    );
    expect(policy.name).toBe('PolicyTypeNotAvailableForOrganizationException');
    const organizations = new OrganizationsClient(member());
    await expect(
      organizations.send(new DescribeOrganizationCommand({})),
    ).resolves.toBeDefined();
    expect(
      (await errorOf(organizations.send(new ListAccountsCommand({})))).name,
    ).toBe('AccessDeniedException');
  });

  it('knows its own selection of service principals, each with any number of delegated administrators', async () => {
    const organizations = new OrganizationsClient(management());
    const unknown = await errorOf(
      organizations.send(
        new EnableAWSServiceAccessCommand({
          ServicePrincipal: 'nosuch.amazonaws.com',
        }),
      ),
    );
    expect([unknown.name, unknown.Reason]).toEqual([
      'InvalidInputException',
      'UNRECOGNIZED_SERVICE_PRINCIPAL',
    ]);
    // AWS allows IAM Identity Center one delegated administrator.
    await organizations.send(
      new EnableAWSServiceAccessCommand({
        ServicePrincipal: 'sso.amazonaws.com',
      }),
    );
    for (const AccountId of ['100000000001', '100000000002']) {
      await organizations.send(
        new RegisterDelegatedAdministratorCommand({
          AccountId,
          ServicePrincipal: 'sso.amazonaws.com',
        }),
      );
    }
    const { DelegatedAdministrators } = await organizations.send(
      new ListDelegatedAdministratorsCommand({
        ServicePrincipal: 'sso.amazonaws.com',
      }),
    );
    expect(DelegatedAdministrators).toHaveLength(2);
  });
});

describe('SCPs', () => {
  it('accepts actions that do not exist', async () => {
    const { Policy } = await new OrganizationsClient(management()).send(
      new CreatePolicyCommand({
        Name: 'made-up-action',
        Description: '',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 'nosuchservice:Nothing', Resource: '*' },
          ],
        }),
      }),
    );
    expect(Policy?.PolicySummary?.Id).toMatch(/^p-/);
  });

  it('applies no enforced statement whose Resource is an ARN pattern', async () => {
    const organizations = new OrganizationsClient(management());
    const { Policy } = await organizations.send(
      new CreatePolicyCommand({
        Name: 'deny-profiles-by-arn',
        Description: '',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: 'sagemaker:CreateUserProfile',
              Resource: 'arn:aws:sagemaker:*:*:user-profile/*',
            },
          ],
        }),
      }),
    );
    await organizations.send(
      new AttachPolicyCommand({
        PolicyId: Policy!.PolicySummary!.Id!,
        TargetId: '200000000011',
      }),
    );
    const sageMaker = new SageMakerClient(member());
    const { DomainArn } = await sageMaker.send(
      new CreateDomainCommand(
        governedDomainRequest('200000000011', 'known-differences-arn'),
      ),
    );
    // AWS would deny this call; the emulator knows no resource ARN for it.
    const made = await sageMaker.send(
      new CreateUserProfileCommand({
        DomainId: DomainArn!.split('/').pop()!,
        UserProfileName: 'by-arn',
        Tags: projectTags('known-differences-arn'),
      }),
    );
    expect(made.UserProfileArn).toContain('user-profile/');
  });
});

describe('Control Tower', () => {
  it('answers ValidationException for a control that is already enabled', async () => {
    const prod = [...env.emulator.state.ous.values()].find(
      o => o.name === 'Workloads_Prod',
    )!;
    const error = await errorOf(
      new ControlTowerClient(management()).send(
        new EnableControlCommand({
          controlIdentifier:
            'arn:aws:controltower:us-east-1::control/AWS-GR_S3_VERSIONING_ENABLED',
          targetIdentifier: prod.arn,
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
  });
});

describe('Config', () => {
  it('does not serve config rules themselves', async () => {
    const error = await errorOf(
      new ConfigServiceClient(member()).send(
        new DescribeConfigRulesCommand({}),
      ),
    );
    expect(error.name).toBe('UnknownOperationException');
  });
});

describe('Idempotency tokens', () => {
  it('answers a token reused with other parameters with InvalidParametersException', async () => {
    const catalog = new ServiceCatalogClient(management());
    const create = (DisplayName: string) =>
      catalog.send(
        new CreatePortfolioCommand({
          DisplayName,
          ProviderName: 'Platform',
          IdempotencyToken: 'known-differences',
        }),
      );
    const first = await create('Portfolio');
    const again = await create('Portfolio');
    expect(again.PortfolioDetail?.Id).toBe(first.PortfolioDetail?.Id);
    expect((await errorOf(create('Another'))).name).toBe(
      'InvalidParametersException',
    );
  });
});

describe('Service Catalog', () => {
  it('answers an organization share from an account that may not make it with the exception it chose', async () => {
    const catalog = new ServiceCatalogClient(member());
    const { PortfolioDetail } = await catalog.send(
      new CreatePortfolioCommand({
        DisplayName: 'Not delegated',
        ProviderName: 'A project',
        IdempotencyToken: 'known-differences-share',
      }),
    );
    const refused = await errorOf(
      catalog.send(
        new CreatePortfolioShareCommand({
          PortfolioId: PortfolioDetail!.Id,
          OrganizationNode: {
            Type: 'ORGANIZATION',
            Value: env.emulator.state.organizationId,
          },
        }),
      ),
    );
    expect(refused.name).toBe('OperationNotSupportedException');
  });
});

describe('SageMaker', () => {
  it('gives domains a made-up Studio host', async () => {
    const { Url } = await new SageMakerClient(member()).send(
      new CreateDomainCommand(
        governedDomainRequest('200000000011', 'known-differences'),
      ),
    );
    expect(Url).toMatch(
      /^https:\/\/d-[a-z0-9]+\.studio\.us-east-1\.sagemaker\.aws$/,
    );
  });

  it('deletes a user profile at once: it has no apps that could keep it', async () => {
    const sageMaker = new SageMakerClient(member());
    const { DomainArn } = await sageMaker.send(
      new CreateDomainCommand(
        governedDomainRequest('200000000011', 'known-differences-apps'),
      ),
    );
    const profile = {
      DomainId: DomainArn!.split('/').pop()!,
      UserProfileName: 'busy-user',
    };
    await sageMaker.send(
      new CreateUserProfileCommand({
        ...profile,
        Tags: projectTags('known-differences-apps'),
      }),
    );
    // In AWS a profile with a running JupyterLab app answers ResourceInUse.
    await expect(
      sageMaker.send(new DeleteUserProfileCommand(profile)),
    ).resolves.toBeDefined();
  });
});

describe('Budgets', () => {
  it('tracks spend of a monthly COST budget only', async () => {
    const Budget = await memberCostBudget(
      env.emulator,
      '200000000011',
      'known-differences',
      'QUARTERLY',
      '1',
    );
    expect(Budget?.CalculatedSpend?.ActualSpend?.Amount).toBe('0');
  });
});

describe('IAM', () => {
  it("knows a call's resource only for AssumeRole, SQS and S3: an allow on another ARN never applies", async () => {
    const self = 'arn:aws:iam::111111111111:user/emulator-admin';
    env.emulator.state.principalPolicies.set(self, [
      {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'organizations:ListAccounts',
            Resource: 'arn:aws:organizations::111111111111:*',
          },
        ],
      },
    ]);
    try {
      const error = await errorOf(
        new OrganizationsClient(management()).send(new ListAccountsCommand({})),
      );
      expect(error.message).toMatch(
        /organizations:ListAccounts on resource: \* because no identity-based policy allows/,
      );
    } finally {
      env.emulator.state.principalPolicies.delete(self);
    }
  });
});

describe('Throttling', () => {
  it('is off unless configured', async () => {
    const organizations = new OrganizationsClient(management());
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        organizations.send(new ListRootsCommand({})),
      ),
    );
    expect(answers).toHaveLength(40);
  });
});

describe('SDK versions', () => {
  it('has the old Control Tower client only', () => {
    const { version } = JSON.parse(
      readFileSync(
        require.resolve('@aws-sdk/client-controltower/package.json'),
        'utf8',
      ),
    );
    expect(version).toBe('3.332.0');
  });
});
