import {
  AttachPolicyCommand,
  DetachPolicyCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { refreshOrThrow } from './__testUtils__/refresh';
import {
  demoBackend,
  managementOrganizations,
  recordedNotifications,
  userInfoOf,
} from './__testUtils__/demoBackend';

describe('notifications to project owners', () => {
  const { startBackend, emulator } = demoBackend();

  const organizations = () => managementOrganizations(emulator());

  /** Workloads/Workloads_Prod holds only churn-prediction's prod account. */
  async function prodOuId(org: OrganizationsClient) {
    const { Roots } = await org.send(new ListRootsCommand({}));
    const byName = async (parentId: string, name: string) =>
      (
        await org.send(
          new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }),
        )
      ).OrganizationalUnits!.find(ou => ou.Name === name)!.Id!;
    return byName(await byName(Roots![0].Id!, 'Workloads'), 'Workloads_Prod');
  }

  it('tells the owner group once when a guardrail stops holding, and once when it holds again', async () => {
    const { sent, factory: notifications } = recordedNotifications();
    const { server } = await startBackend(
      [
        userInfoOf('user:default/guest', ['group:default/team-churn']),
        notifications,
      ],
      [],
      { refreshMinInterval: { milliseconds: 0 } },
    );
    const admin = mockCredentials.user.header('user:default/guest');

    // The first snapshot is the baseline: the demo's drift notifies nobody.
    await refreshOrThrow(server, admin);
    expect(sent).toEqual([]);

    const org = organizations();
    const ouId = await prodOuId(org);
    const { Policies } = await org.send(
      new ListPoliciesForTargetCommand({
        TargetId: ouId,
        Filter: 'SERVICE_CONTROL_POLICY',
      }),
    );
    const policy = Policies!.find(p => p.Name!.startsWith('mlgov-'))!;
    await org.send(
      new DetachPolicyCommand({ PolicyId: policy.Id!, TargetId: ouId }),
    );
    await refreshOrThrow(server, admin);
    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/team-churn',
    });
    expect(sent[0].payload).toMatchObject({
      title: 'churn-prediction: 1 guardrail problem(s)',
      severity: 'high',
      link: '/catalog/default/system/churn-prediction/ml-environment',
    });
    expect(sent[0].payload.description).toMatch(
      /is missing on churn-prediction-prod \(prod\)/,
    );

    // Nothing changed: no second notification for the same problem.
    await refreshOrThrow(server, admin);
    expect(sent).toHaveLength(1);

    await org.send(
      new AttachPolicyCommand({ PolicyId: policy.Id!, TargetId: ouId }),
    );
    await refreshOrThrow(server, admin);
    expect(sent).toHaveLength(2);
    expect(sent[1].payload).toMatchObject({
      title: 'churn-prediction: 1 resolved',
      severity: 'low',
    });
  });

  it('tells the owner group once when one of its accounts stops being active in AWS, and when it is closed', async () => {
    const { sent, factory: notifications } = recordedNotifications();
    const { server } = await startBackend(
      [
        userInfoOf('user:default/guest', ['group:default/team-churn']),
        notifications,
      ],
      [],
      { refreshMinInterval: { milliseconds: 0 } },
    );
    const admin = mockCredentials.user.header('user:default/guest');
    await refreshOrThrow(server, admin);
    expect(sent).toEqual([]);

    const account = emulator().state.accounts.get('200000000012')!;
    account.state = 'PENDING_CLOSURE';
    await refreshOrThrow(server, admin);
    await refreshOrThrow(server, admin);
    expect(sent).toHaveLength(1);
    expect(sent[0].payload.title).toBe(
      'churn-prediction: 1 account state change(s)',
    );
    expect(sent[0].payload.description).toMatch(
      /The AWS account is PENDING_CLOSURE on churn-prediction-preprod \(preprod\)/,
    );

    account.state = 'CLOSED';
    await refreshOrThrow(server, admin);
    expect(sent).toHaveLength(2);
    expect(sent[1].payload.description).toMatch(
      /is CLOSED on churn-prediction-preprod/,
    );
    // The shared emulator keeps the account for the other tests.
    account.state = 'ACTIVE';
  });

  it('announces each saved snapshot on the signals channel, for open pages', async () => {
    const published: any[] = [];
    const { server } = await startBackend(
      [
        userInfoOf('user:default/guest', ['group:default/team-churn']),
        recordedNotifications().factory,
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: any) => {
              published.push(signal);
            },
          }),
        }),
      ],
      [],
      { refreshMinInterval: { milliseconds: 0 } },
    );
    await refreshOrThrow(
      server,
      mockCredentials.user.header('user:default/guest'),
    );
    const complete = published.filter(p => p.message.loading === 0);
    expect(complete.length).toBeGreaterThan(0);
    expect(complete.at(-1)).toMatchObject({
      recipients: { type: 'broadcast' },
      channel: 'ml-environments:snapshot',
      message: { takenAt: expect.stringMatching(/^\d{4}-/) },
    });
  });
});
