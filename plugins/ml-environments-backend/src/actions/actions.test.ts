import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import request from 'supertest';
import { refreshAndWait } from '../service/__testUtils__/refresh';
import { demoBackend, userInfoOf } from '../service/__testUtils__/demoBackend';
import { mcp, toolAnswer } from './__testUtils__/mcp';

describe("ml-environments actions over MCP (Backstage's actions registry)", () => {
  const { startBackend } = demoBackend();
  const teamChurn = userInfoOf('user:default/guest', [
    'group:default/team-churn',
  ]);

  async function withMcp(
    permission:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const { server } = await startBackend([
      teamChurn,
      mcpActionsPlugin,
      ...(permission === AuthorizeResult.DENY
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ]);
    const user = mockCredentials.user.header('user:default/guest');
    if (permission === AuthorizeResult.ALLOW) {
      expect((await refreshAndWait(server, user)).body.state).toBe('succeeded');
    }
    return { server, user };
  }

  const toolNamed = (tools: any[], name: string) =>
    tools.find(t => t.name === name || t.name.endsWith(`.${name}`));

  it('lists six read-only tools, marked idempotent and not destructive', async () => {
    const { server, user } = await withMcp();
    const { body } = await mcp(server, user, 'tools/list');
    const names = [
      'get-organization-status',
      'get-ml-project-status',
      'explain-ml-account-permission',
      'plan-ml-project',
      'list-ml-guardrail-exceptions',
      'check-product-template',
    ];
    for (const name of names) {
      expect(toolNamed(body.result.tools, name)?.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        destructiveHint: false,
      });
    }
  });

  it('answers the organization, a project, a permission and a plan like the routes do', async () => {
    const { server, user } = await withMcp();
    const { body: list } = await mcp(server, user, 'tools/list');
    const call = async (name: string, args: object) =>
      toolAnswer(
        (
          await mcp(server, user, 'tools/call', {
            name: toolNamed(list.result.tools, name).name,
            arguments: args,
          })
        ).body,
      );

    const organization = await call('get-organization-status', {});
    const route = await request(server)
      .get('/api/ml-environments/organization')
      .set('authorization', user);
    expect(organization.json.organizationId).toBe(route.body.organizationId);
    expect(organization.json.state).toBe(route.body.root.state);
    expect(
      organization.json.ous.find(
        (o: any) => o.path === 'Workloads/Workloads_PreProd',
      ).state,
    ).toBe('missing');

    const project = await call('get-ml-project-status', {
      project: 'churn-prediction',
    });
    expect(project.json.owner).toBe('group:default/team-churn');
    const preprod = project.json.accounts.find(
      (a: any) => a.id === '200000000012',
    );
    expect(preprod.state).toBe('missing');
    expect(preprod.problems.map((p: any) => p.guardrail)).toContain(
      'SageMaker only inside a VPC',
    );

    const endpoint = await call('explain-ml-account-permission', {
      accountId: '200000000011',
      action: 'sagemaker:CreateEndpoint',
      context: {
        'aws:RequestTag/cost-center': 'CC-1001',
        'aws:RequestTag/ml-project': 'churn-prediction',
      },
    });
    expect(endpoint.json).toMatchObject({
      decision: 'denied',
      decidedBy: { policy: 'mlgov-deny-sagemaker-hosting' },
    });

    const plan = await call('plan-ml-project', {
      project: 'demand-forecast',
      pattern: 'mlops',
      owner: 'group:default/team-churn',
      costCenter: 'CC-1',
      accountEmailTemplate: 'aws+{project}-{stage}@example.com',
    });
    expect(plan.isError ? plan.text : 'ok').toBe('ok');
    expect(plan.json.accounts.map((a: any) => a.stage)).toEqual([
      'dev',
      'preprod',
      'prod',
      'automation',
    ]);
    expect(plan.json.products.map((p: any) => p.product)).toEqual([
      'ml-studio-domain',
      'ml-model-build',
      'ml-model-registry',
      'ml-deploy-pipeline',
      'ml-deployment-role',
      'ml-deployment-role',
    ]);

    const asked = await request(server)
      .post('/api/ml-environments/projects/churn-prediction/exceptions')
      .set('authorization', user)
      .send({
        accountId: '200000000011',
        guardrailId: 'deny-sagemaker-hosting',
        reason: 'One real-time endpoint for the board demo',
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    expect(asked.status).toBe(201);
    const exceptions = await call('list-ml-guardrail-exceptions', {
      project: 'churn-prediction',
    });
    const exceptionsRoute = await request(server)
      .get('/api/ml-environments/exceptions?project=churn-prediction')
      .set('authorization', user);
    expect(exceptions.json.items).toEqual([
      expect.objectContaining({ id: asked.body.id, state: 'pending' }),
    ]);
    const { requestedAt, ...asRouted } = exceptionsRoute.body.items[0];
    expect(exceptions.json.items[0]).toEqual(asRouted);

    const invalid = await call('plan-ml-project', {
      project: 'demand-forecast',
      pattern: 'sandbox',
      owner: 'group:default/team-churn',
      costCenter: 'CC-1',
    });
    expect(invalid.isError).toBe(true);
    expect(invalid.text).toMatch(
      /^InputError: The ML project request is invalid/,
    );
  });

  it('checks a product template against an OU as POST /products/check does, and names an unknown OU', async () => {
    const { server, user } = await withMcp();
    const { body: list } = await mcp(server, user, 'tools/list');
    const name = toolNamed(list.result.tools, 'check-product-template').name;
    const template = {
      Resources: {
        StudioDomain: {
          Type: 'AWS::SageMaker::Domain',
          Properties: {
            DomainName: 'studio',
            AuthMode: 'IAM',
            AppNetworkAccessType: 'PublicInternetOnly',
            VpcId: 'vpc-1',
            SubnetIds: ['subnet-1'],
            KmsKeyId: 'arn:aws:kms:us-east-1:200000000011:key/k-1',
            DefaultUserSettings: { SecurityGroups: ['sg-1'] },
          },
        },
      },
    };
    const args = { template, targetOu: 'Workloads/Workloads_Dev' };
    const answer = toolAnswer(
      (await mcp(server, user, 'tools/call', { name, arguments: args })).body,
    );
    expect(answer.isError ? answer.text : 'ok').toBe('ok');
    expect(answer.json).toMatchObject({
      allowed: false,
      findings: [
        {
          resource: 'StudioDomain',
          decision: 'denied',
          policy: 'mlgov-require-vpc',
          statement: 'StudioVpcOnly',
        },
      ],
    });
    const route = await request(server)
      .post('/api/ml-environments/products/check')
      .set('authorization', user)
      .send(args);
    expect(answer.json).toEqual(route.body);

    const unknown = toolAnswer(
      (
        await mcp(server, user, 'tools/call', {
          name,
          arguments: { template, targetOu: 'Nowhere' },
        })
      ).body,
    );
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/^InputError: No OU "Nowhere"/);
  });

  it('hides and refuses the product check for a user who may not change the organization', async () => {
    const { server } = await startBackend([
      teamChurn,
      mcpActionsPlugin,
      mockServices.permissions.mock({
        authorize: async (requests: any[]) =>
          requests.map(({ permission }) => ({
            result:
              permission.name === 'ml-environments.organization.change'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })) as any,
        authorizeConditional: async (requests: any[]) =>
          requests.map(({ permission }) => ({
            result:
              permission.name === 'ml-environments.organization.change'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })) as any,
      }).factory,
    ]);
    const user = mockCredentials.user.header('user:default/guest');
    expect((await refreshAndWait(server, user)).body.state).toBe('succeeded');
    const { body } = await mcp(server, user, 'tools/list');
    expect(toolNamed(body.result.tools, 'check-product-template')).toBe(
      undefined,
    );
    expect(
      toolNamed(body.result.tools, 'get-organization-status'),
    ).toBeDefined();
    const { body: called } = await mcp(server, user, 'tools/call', {
      name: 'check-product-template',
      arguments: {
        template: {
          Resources: { B: { Type: 'AWS::S3::Bucket', Properties: {} } },
        },
        targetOu: 'Sandbox',
      },
    });
    const answer = toolAnswer(called);
    expect(answer.isError).toBe(true);
    expect(answer.text).toMatch(/NotFoundError|NotAllowedError/);
  });

  it('refuses a user without the permission: no tools listed, and a call is refused', async () => {
    const { server, user } = await withMcp(AuthorizeResult.DENY);
    const { body } = await mcp(server, user, 'tools/list');
    expect(
      body.result.tools.filter(
        (t: any) => /ml-/.test(t.name) || /organization-status/.test(t.name),
      ),
    ).toEqual([]);
    const { body: called } = await mcp(server, user, 'tools/call', {
      name: 'get-organization-status',
      arguments: {},
    });
    const answer = toolAnswer(called);
    expect(answer.isError).toBe(true);
    expect(answer.text).toMatch(/NotFoundError|NotAllowedError/);
  });
});
