import {
  AttachPolicyCommand,
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeleteOrganizationalUnitCommand,
  DeletePolicyCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  DescribeOrganizationalUnitCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListCreateAccountStatusCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  MoveAccountCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePolicyCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const scp = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }],
  });

describe('Organizations', () => {
  let emulator: RunningEmulator;
  let org: OrganizationsClient;
  let rootId: string;

  beforeEach(async () => {
    ({
      emulator,
      organizations: org,
      rootId,
    } = await startTestEmulator({
      seed: {
        accessKeys: {
          'emulator-management': 'Management',
          'member-key': 'Member',
        },
        accounts: [
          { name: 'Member', email: 'member@example.com', id: '222222222222' },
        ],
      },
    }));
  });

  afterEach(() => emulator.close());

  async function ou(parentId: string, name: string) {
    const { OrganizationalUnit } = await org.send(
      new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }),
    );
    return OrganizationalUnit!;
  }

  async function createAccount(email: string, name = 'Project Dev') {
    const { CreateAccountStatus } = await org.send(
      new CreateAccountCommand({ Email: email, AccountName: name }),
    );
    return CreateAccountStatus!;
  }

  it('describes the organization and its root with ids in AWS formats', async () => {
    const { Organization } = await org.send(
      new DescribeOrganizationCommand({}),
    );
    expect(Organization?.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(Organization?.MasterAccountId).toBe('111111111111');
    const { Roots } = await org.send(new ListRootsCommand({}));
    expect(Roots?.[0].Id).toMatch(/^r-[0-9a-z]{4,32}$/);
    expect(Roots?.[0].Arn).toBe(
      `arn:aws:organizations::111111111111:root/${Organization?.Id}/${Roots?.[0].Id}`,
    );
    expect(Roots?.[0].PolicyTypes).toEqual([
      { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
    ]);
  });

  it('creates, describes, lists and deletes OUs, with FullAWSAccess attached', async () => {
    const workloads = await ou(rootId, 'Workloads');
    expect(workloads.Id).toMatch(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/);
    expect(workloads.Arn).toMatch(
      /^arn:aws:organizations::111111111111:ou\/o-[a-z0-9]+\/ou-/,
    );
    const dev = await ou(workloads.Id!, 'Workloads_Dev');

    const described = await org.send(
      new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: dev.Id }),
    );
    expect(described.OrganizationalUnit?.Name).toBe('Workloads_Dev');
    // Where it sits: the organization, the root, then each OU down to it.
    const { Organization } = await org.send(
      new DescribeOrganizationCommand({}),
    );
    expect(described.OrganizationalUnit?.Path).toBe(
      `${Organization!.Id}/${rootId}/${workloads.Id}/${dev.Id}/`,
    );
    const listed = await org.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.Id }),
    );
    expect(listed.OrganizationalUnits?.map(o => o.Name)).toEqual([
      'Workloads_Dev',
    ]);
    const children = await org.send(
      new ListChildrenCommand({
        ParentId: rootId,
        ChildType: 'ORGANIZATIONAL_UNIT',
      }),
    );
    expect(children.Children).toEqual([
      { Id: workloads.Id, Type: 'ORGANIZATIONAL_UNIT' },
    ]);
    const parents = await org.send(new ListParentsCommand({ ChildId: dev.Id }));
    expect(parents.Parents).toEqual([
      { Id: workloads.Id, Type: 'ORGANIZATIONAL_UNIT' },
    ]);

    const policies = await org.send(
      new ListPoliciesForTargetCommand({
        TargetId: dev.Id,
        Filter: 'SERVICE_CONTROL_POLICY',
      }),
    );
    expect(policies.Policies?.map(p => p.Id)).toEqual(['p-FullAWSAccess']);

    const notEmpty = await errorOf(
      org.send(
        new DeleteOrganizationalUnitCommand({
          OrganizationalUnitId: workloads.Id,
        }),
      ),
    );
    expect(notEmpty.name).toBe('OrganizationalUnitNotEmptyException');
    await org.send(
      new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: dev.Id }),
    );
    const after = await org.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.Id }),
    );
    expect(after.OrganizationalUnits).toEqual([]);
  });

  it('refuses a duplicate OU name and a sixth level of OUs', async () => {
    await ou(rootId, 'Sandbox');
    const duplicate = await errorOf(ou(rootId, 'Sandbox'));
    expect(duplicate.name).toBe('DuplicateOrganizationalUnitException');

    let parent = rootId;
    for (const name of ['L1', 'L2', 'L3', 'L4', 'L5']) {
      parent = (await ou(parent, name)).Id!;
    }
    const tooDeep = await errorOf(ou(parent, 'L6'));
    expect(tooDeep.name).toBe('ConstraintViolationException');
    expect(tooDeep.Reason).toBe('OU_DEPTH_LIMIT_EXCEEDED');
  });

  it('creates accounts asynchronously and fails a second account with the same email', async () => {
    const started = await createAccount('churn-dev@example.com');
    expect(started.State).toBe('IN_PROGRESS');
    expect(started.Id).toMatch(/^car-[a-z0-9]{8,32}$/);

    const done = await org.send(
      new DescribeCreateAccountStatusCommand({
        CreateAccountRequestId: started.Id,
      }),
    );
    expect(done.CreateAccountStatus?.State).toBe('SUCCEEDED');
    const accountId = done.CreateAccountStatus!.AccountId!;
    expect(accountId).toMatch(/^\d{12}$/);

    const { Account } = await org.send(
      new DescribeAccountCommand({ AccountId: accountId }),
    );
    expect(Account?.Email).toBe('churn-dev@example.com');
    expect(Account?.State).toBe('ACTIVE');
    const inRoot = await org.send(
      new ListAccountsForParentCommand({ ParentId: rootId }),
    );
    expect(inRoot.Accounts?.map(a => a.Id)).toContain(accountId);
    const scps = await org.send(
      new ListPoliciesForTargetCommand({
        TargetId: accountId,
        Filter: 'SERVICE_CONTROL_POLICY',
      }),
    );
    expect(scps.Policies?.map(p => p.Name)).toEqual(['FullAWSAccess']);

    const again = await createAccount('CHURN-DEV@example.com');
    const failed = await org.send(
      new DescribeCreateAccountStatusCommand({
        CreateAccountRequestId: again.Id,
      }),
    );
    expect(failed.CreateAccountStatus).toMatchObject({
      State: 'FAILED',
      FailureReason: 'EMAIL_ALREADY_EXISTS',
    });
    const statuses = await org.send(
      new ListCreateAccountStatusCommand({ States: ['FAILED'] }),
    );
    expect(statuses.CreateAccountStatuses?.map(s => s.Id)).toEqual([again.Id]);
  });

  it('closes an account asynchronously, once, never the management account, within the 30-day quota', async () => {
    const close = (id: string) =>
      org.send(new CloseAccountCommand({ AccountId: id }));
    await close('222222222222');
    const state = async (id: string) =>
      (await org.send(new DescribeAccountCommand({ AccountId: id }))).Account;
    // PENDING_CLOSURE until the emulator's delay (0 here) has passed.
    expect(['PENDING_CLOSURE', 'CLOSED']).toContain(
      (await state('222222222222'))?.State,
    );
    for (;;) {
      if ((await state('222222222222'))?.State === 'CLOSED') break;
      await new Promise(r => setTimeout(r, 10));
    }
    expect((await state('222222222222'))?.Status).toBe('SUSPENDED');
    expect((await errorOf(close('222222222222'))).name).toBe(
      'AccountAlreadyClosedException',
    );
    const management = await errorOf(close(emulator.state.managementAccountId));
    expect([management.name, (management as any).Reason]).toEqual([
      'ConstraintViolationException',
      'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
    ]);

    // The quota is 10 % of the members, at least 10, in 30 days: nine
    // more closures recorded this month leave none for a new account.
    const closed = emulator.state.accounts.get('222222222222')!;
    for (let i = 0; i < 9; i++) {
      const id = `30000000000${i}`;
      emulator.state.accounts.set(id, { ...closed, id, name: `closed-${i}` });
    }
    emulator.state.accounts.set('300000000009', {
      ...closed,
      id: '300000000009',
      name: 'still-open',
      state: 'ACTIVE',
      closeRequestedAt: undefined,
    });
    const over = await errorOf(close('300000000009'));
    expect([over.name, (over as any).Reason]).toEqual([
      'ConstraintViolationException',
      'CLOSE_ACCOUNT_QUOTA_EXCEEDED',
    ]);
  });

  it('keeps at most five account creations in progress', async () => {
    const slow = await startTestEmulator({ config: { asyncDelayMs: 60_000 } });
    try {
      for (let i = 0; i < 5; i++) {
        await slow.organizations.send(
          new CreateAccountCommand({
            Email: `p${i}@example.com`,
            AccountName: `P${i}`,
          }),
        );
      }
      const sixth = await errorOf(
        slow.organizations.send(
          new CreateAccountCommand({
            Email: 'p6@example.com',
            AccountName: 'P6',
          }),
        ),
      );
      expect(sixth.name).toBe('TooManyRequestsException');
    } finally {
      await slow.emulator.close();
    }
  });

  it('rejects malformed account input before creating anything', async () => {
    const badEmail = await errorOf(createAccount('not-an-email'));
    expect(badEmail.name).toBe('InvalidInputException');
    expect(badEmail.Reason).toBe('INVALID_PATTERN');
    const badName = await errorOf(
      createAccount('ok@example.com', 'x'.repeat(51)),
    );
    expect(badName.name).toBe('InvalidInputException');
    const { CreateAccountStatuses } = await org.send(
      new ListCreateAccountStatusCommand({}),
    );
    expect(CreateAccountStatuses).toEqual([]);
  });

  it('moves accounts between parents with AWS errors for wrong moves', async () => {
    const sandbox = await ou(rootId, 'Sandbox');
    const move = (source: string, destination: string) =>
      org.send(
        new MoveAccountCommand({
          AccountId: '222222222222',
          SourceParentId: source,
          DestinationParentId: destination,
        }),
      );
    await move(rootId, sandbox.Id!);
    const parents = await org.send(
      new ListParentsCommand({ ChildId: '222222222222' }),
    );
    expect(parents.Parents).toEqual([
      { Id: sandbox.Id, Type: 'ORGANIZATIONAL_UNIT' },
    ]);
    const { Account } = await org.send(
      new DescribeAccountCommand({ AccountId: '222222222222' }),
    );
    expect(Account?.Paths).toEqual([
      expect.stringMatching(
        new RegExp(`^o-[a-z0-9]+/${rootId}/${sandbox.Id}/222222222222/$`),
      ),
    ]);
    expect((await errorOf(move(rootId, sandbox.Id!))).name).toBe(
      'DuplicateAccountException',
    );
    expect((await errorOf(move(rootId, 'ou-zzzz-zzzzzzzz'))).name).toBe(
      'DestinationParentNotFoundException',
    );
    const otherOu = await ou(rootId, 'Other');
    expect((await errorOf(move(rootId, otherOu.Id!))).name).toBe(
      'SourceParentNotFoundException',
    );
  });

  it('tags, untags and lists tags, paging through ListAccounts', async () => {
    await org.send(
      new TagResourceCommand({
        ResourceId: '222222222222',
        Tags: [
          { Key: 'ml-project', Value: 'churn' },
          { Key: 'ml-stage', Value: 'dev' },
        ],
      }),
    );
    await org.send(
      new UntagResourceCommand({
        ResourceId: '222222222222',
        TagKeys: ['ml-stage'],
      }),
    );
    const { Tags } = await org.send(
      new ListTagsForResourceCommand({ ResourceId: '222222222222' }),
    );
    expect(Tags).toEqual([{ Key: 'ml-project', Value: 'churn' }]);

    const ids: string[] = [];
    for await (const page of paginateListAccounts(
      { client: org, pageSize: 1 },
      {},
    )) {
      ids.push(...(page.Accounts ?? []).map(a => a.Id!));
    }
    expect(ids.sort()).toEqual(['111111111111', '222222222222']);
    const { Accounts } = await org.send(
      new ListAccountsCommand({ MaxResults: 1 }),
    );
    expect(Accounts).toHaveLength(1);
  });

  it('creates, describes, updates and lists SCPs and their targets', async () => {
    const { Policy } = await org.send(
      new CreatePolicyCommand({
        Name: 'DenySageMakerEndpoints',
        Description: 'No real-time hosting in dev',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: scp('sagemaker:CreateEndpoint'),
      }),
    );
    const policyId = Policy!.PolicySummary!.Id!;
    expect(policyId).toMatch(/^p-[0-9a-zA-Z_]{8,128}$/);
    expect(Policy!.PolicySummary!.Arn).toMatch(
      /^arn:aws:organizations::111111111111:policy\/o-[a-z0-9]+\/service_control_policy\/p-/,
    );
    await org.send(
      new UpdatePolicyCommand({
        PolicyId: policyId,
        Content: scp('sagemaker:*Endpoint*'),
      }),
    );
    const described = await org.send(
      new DescribePolicyCommand({ PolicyId: policyId }),
    );
    expect(JSON.parse(described.Policy!.Content!).Statement[0].Action).toBe(
      'sagemaker:*Endpoint*',
    );

    const dev = await ou(rootId, 'Workloads_Dev');
    await org.send(
      new AttachPolicyCommand({ PolicyId: policyId, TargetId: dev.Id }),
    );
    const targets = await org.send(
      new ListTargetsForPolicyCommand({ PolicyId: policyId }),
    );
    expect(targets.Targets).toEqual([
      {
        TargetId: dev.Id,
        Arn: dev.Arn,
        Name: 'Workloads_Dev',
        Type: 'ORGANIZATIONAL_UNIT',
      },
    ]);
    const listed = await org.send(
      new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }),
    );
    expect(listed.Policies?.map(p => p.Name).sort()).toEqual([
      'DenySageMakerEndpoints',
      'FullAWSAccess',
    ]);

    const duplicate = await errorOf(
      org.send(
        new AttachPolicyCommand({ PolicyId: policyId, TargetId: dev.Id }),
      ),
    );
    expect(duplicate.name).toBe('DuplicatePolicyAttachmentException');
    const inUse = await errorOf(
      org.send(new DeletePolicyCommand({ PolicyId: policyId })),
    );
    expect(inUse.name).toBe('PolicyInUseException');
    await org.send(
      new DetachPolicyCommand({ PolicyId: policyId, TargetId: dev.Id }),
    );
    await org.send(new DeletePolicyCommand({ PolicyId: policyId }));
    const deleted = await errorOf(
      org.send(new DescribePolicyCommand({ PolicyId: policyId })),
    );
    expect(deleted.name).toBe('PolicyNotFoundException');
    const last = await errorOf(
      org.send(
        new DetachPolicyCommand({
          PolicyId: 'p-FullAWSAccess',
          TargetId: dev.Id,
        }),
      ),
    );
    expect(last.name).toBe('ConstraintViolationException');
    expect(last.Reason).toBe('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
  });

  it('refuses SCPs over 5,120 characters and malformed documents', async () => {
    const create = (content: string) =>
      org.send(
        new CreatePolicyCommand({
          Name: `p${content.length}`,
          Description: '',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: content,
        }),
      );
    const padded = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'x'.repeat(5100),
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
        },
      ],
    });
    const tooBig = await errorOf(create(padded));
    expect(tooBig.name).toBe('ConstraintViolationException');
    expect(tooBig.Reason).toBe('POLICY_CONTENT_LIMIT_EXCEEDED');
    expect((await errorOf(create('{"Version": "2012-10-17", '))).name).toBe(
      'MalformedPolicyDocumentException',
    );
    expect((await errorOf(create('{"Statement": []}'))).name).toBe(
      'MalformedPolicyDocumentException',
    );
  });

  it('enforces the SCP quota per target, counting FullAWSAccess', async () => {
    const small = await startTestEmulator({ config: { maxScpsPerTarget: 3 } });
    try {
      const { organizations, rootId: root } = small;
      const { OrganizationalUnit } = await organizations.send(
        new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Dev' }),
      );
      const attach = async (n: number) => {
        const { Policy } = await organizations.send(
          new CreatePolicyCommand({
            Name: `Deny${n}`,
            Description: '',
            Type: 'SERVICE_CONTROL_POLICY',
            Content: scp(`s3:Action${n}`),
          }),
        );
        return organizations.send(
          new AttachPolicyCommand({
            PolicyId: Policy!.PolicySummary!.Id,
            TargetId: OrganizationalUnit!.Id,
          }),
        );
      };
      await attach(1);
      await attach(2);
      const over = await errorOf(attach(3));
      expect(over.name).toBe('ConstraintViolationException');
      expect(over.Reason).toBe('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    } finally {
      await small.emulator.close();
    }
  });

  it('needs EnablePolicyType before SCPs can be attached, then attaches FullAWSAccess everywhere', async () => {
    const fresh = await startTestEmulator({
      seed: { organization: { serviceControlPolicies: 'disabled' } },
    });
    try {
      const { organizations, rootId: root } = fresh;
      const { Policy } = await organizations.send(
        new CreatePolicyCommand({
          Name: 'Deny',
          Description: '',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: scp('s3:DeleteBucket'),
        }),
      );
      const notEnabled = await errorOf(
        organizations.send(
          new AttachPolicyCommand({
            PolicyId: Policy!.PolicySummary!.Id,
            TargetId: root,
          }),
        ),
      );
      expect(notEnabled.name).toBe('PolicyTypeNotEnabledException');

      const { Root } = await organizations.send(
        new EnablePolicyTypeCommand({
          RootId: root,
          PolicyType: 'SERVICE_CONTROL_POLICY',
        }),
      );
      expect(Root?.PolicyTypes).toEqual([
        { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
      ]);
      const onManagement = await organizations.send(
        new ListPoliciesForTargetCommand({
          TargetId: '111111111111',
          Filter: 'SERVICE_CONTROL_POLICY',
        }),
      );
      expect(onManagement.Policies?.map(p => p.Id)).toEqual([
        'p-FullAWSAccess',
      ]);
      const again = await errorOf(
        organizations.send(
          new EnablePolicyTypeCommand({
            RootId: root,
            PolicyType: 'SERVICE_CONTROL_POLICY',
          }),
        ),
      );
      expect(again.name).toBe('PolicyTypeAlreadyEnabledException');
    } finally {
      await fresh.emulator.close();
    }
  });

  it('answers management-only calls from a member account with AccessDeniedException', async () => {
    const member = new OrganizationsClient(
      clientConfig(emulator, 'member-key'),
    );
    const denied = await errorOf(
      member.send(
        new CreateOrganizationalUnitCommand({
          ParentId: rootId,
          Name: 'Rogue',
        }),
      ),
    );
    expect(denied.name).toBe('AccessDeniedException');
    const { Organization } = await member.send(
      new DescribeOrganizationCommand({}),
    );
    expect(Organization?.MasterAccountId).toBe('111111111111');
  });

  it('answers unknown access keys with UnrecognizedClientException', async () => {
    const stranger = new OrganizationsClient(clientConfig(emulator, 'nobody'));
    const error = await errorOf(stranger.send(new ListRootsCommand({})));
    expect(error.name).toBe('UnrecognizedClientException');
  });

  it('counts calls per operation and resets to the seed', async () => {
    await ou(rootId, 'Temporary');
    await org.send(new ListRootsCommand({}));
    await org.send(new ListRootsCommand({}));
    expect(emulator.callCounts()).toMatchObject({
      'organizations:CreateOrganizationalUnit': 1,
      'organizations:ListRoots': 2,
    });
    const before = await (
      await fetch(`${emulator.url}/_emulator/calls`)
    ).json();
    expect(before.mutating).toEqual({
      'organizations:CreateOrganizationalUnit': 1,
    });
    const response = await fetch(`${emulator.url}/_emulator/reset`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    const calls = await (await fetch(`${emulator.url}/_emulator/calls`)).json();
    expect(calls).toEqual({ calls: {}, mutating: {} });
    const { OrganizationalUnits } = await org.send(
      new ListOrganizationalUnitsForParentCommand({
        ParentId: emulator.state.rootId,
      }),
    );
    expect(OrganizationalUnits).toEqual([]);
  });
});

describe('the account quota', () => {
  it("fails a creation past the organization's quota with ACCOUNT_LIMIT_EXCEEDED, AWS's default being 10", async () => {
    const { emulator, organizations } = await startTestEmulator({
      seed: { organization: { accountQuota: 2 } },
    });
    try {
      const create = async (n: number) => {
        const { CreateAccountStatus } = await organizations.send(
          new CreateAccountCommand({
            AccountName: `quota-${n}`,
            Email: `quota-${n}@example.com`,
          }),
        );
        const { CreateAccountStatus: done } = await organizations.send(
          new DescribeCreateAccountStatusCommand({
            CreateAccountRequestId: CreateAccountStatus!.Id,
          }),
        );
        return done;
      };
      // The management account is the first of two.
      expect((await create(1))?.State).toBe('SUCCEEDED');
      expect(await create(2)).toMatchObject({
        State: 'FAILED',
        FailureReason: 'ACCOUNT_LIMIT_EXCEEDED',
      });
    } finally {
      await emulator.close();
    }
    const defaults = await startTestEmulator();
    try {
      expect(defaults.emulator.state.accountQuota).toBe(10);
    } finally {
      await defaults.emulator.close();
    }
  });
});

describe('the OU and SCP quotas of an organization', () => {
  it('refuses an OU past maxOusPerOrganization and an SCP past maxScpsPerOrganization, AWS-managed ones counting', async () => {
    const { emulator, organizations, rootId } = await startTestEmulator({
      config: { maxOusPerOrganization: 1, maxScpsPerOrganization: 2 },
    });
    try {
      await organizations.send(
        new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'A' }),
      );
      const ou = await errorOf(
        organizations.send(
          new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'B' }),
        ),
      );
      expect(ou).toMatchObject({
        name: 'ConstraintViolationException',
        Reason: 'OU_NUMBER_LIMIT_EXCEEDED',
      });
      const createScp = (name: string) =>
        organizations.send(
          new CreatePolicyCommand({
            Name: name,
            Description: '',
            Type: 'SERVICE_CONTROL_POLICY',
            Content: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
            }),
          }),
        );
      // FullAWSAccess is the first of the two.
      await createScp('one');
      expect(await errorOf(createScp('two'))).toMatchObject({
        name: 'ConstraintViolationException',
        Reason: 'POLICY_NUMBER_LIMIT_EXCEEDED',
      });
      expect(emulator.state.ous.size).toBe(1);
      expect(emulator.state.policies.size).toBe(2);
    } finally {
      await emulator.close();
    }
  });
});
