import {
  CreateOrganizationalUnitCommand,
  DuplicateOrganizationalUnitException,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { createEnsureOrganizationalUnitAction } from './ensureOrganizationalUnit';
import { createTestActionContext, mockedDeps } from './__testUtils__/testing';

const organizations = mockClient(OrganizationsClient);

const workloads = {
  Id: 'ou-abcd-11111111',
  Arn: 'arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-abcd-11111111',
  Name: 'Workloads',
};
const workloadsDev = {
  Id: 'ou-abcd-22222222',
  Arn: 'arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-abcd-22222222',
  Name: 'Workloads_Dev',
};

describe('aws:organizations:ensureOrganizationalUnit', () => {
  const action = createEnsureOrganizationalUnitAction(mockedDeps);

  beforeEach(() => {
    organizations.reset();
    organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-abcd' }] });
    organizations
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-abcd' })
      .resolves({ OrganizationalUnits: [workloads] });
    organizations
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: workloads.Id })
      .resolves({ OrganizationalUnits: [] });
  });

  it('creates the OUs missing from the path', async () => {
    organizations
      .on(CreateOrganizationalUnitCommand)
      .resolves({ OrganizationalUnit: workloadsDev });
    const { ctx, outputs } = createTestActionContext({
      path: 'Workloads/Workloads_Dev',
    });

    await action.handler(ctx);

    const creates = organizations.commandCalls(CreateOrganizationalUnitCommand);
    expect(creates.map(call => call.args[0].input)).toEqual([
      { ParentId: workloads.Id, Name: 'Workloads_Dev' },
    ]);
    expect(outputs).toEqual({ ouId: workloadsDev.Id, ouArn: workloadsDev.Arn });
  });

  it('creates nothing when the path exists, reading every page', async () => {
    organizations
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: workloads.Id })
      .resolves({ OrganizationalUnits: [], NextToken: 'page-2' })
      .on(ListOrganizationalUnitsForParentCommand, {
        ParentId: workloads.Id,
        NextToken: 'page-2',
      })
      .resolves({ OrganizationalUnits: [workloadsDev] });
    const { ctx, outputs } = createTestActionContext({
      path: 'Workloads/Workloads_Dev',
    });

    await action.handler(ctx);

    expect(
      organizations.commandCalls(CreateOrganizationalUnitCommand),
    ).toHaveLength(0);
    expect(outputs.ouId).toBe(workloadsDev.Id);
  });

  it('uses the OU another run created between look-up and create', async () => {
    organizations.on(CreateOrganizationalUnitCommand).rejects(
      new DuplicateOrganizationalUnitException({
        message: 'An OU with this name already exists',
        $metadata: {},
      }),
    );
    organizations
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: workloads.Id })
      .resolvesOnce({ OrganizationalUnits: [] })
      .resolves({ OrganizationalUnits: [workloadsDev] });
    const { ctx, outputs } = createTestActionContext({
      path: 'Workloads/Workloads_Dev',
    });

    await action.handler(ctx);

    expect(outputs.ouId).toBe(workloadsDev.Id);
  });

  it('changes nothing in a dry run and says what it would create', async () => {
    const { ctx, logger } = createTestActionContext(
      { path: 'Workloads/Workloads_Dev' },
      { isDryRun: true },
    );

    await action.handler(ctx);

    expect(
      organizations.commandCalls(CreateOrganizationalUnitCommand),
    ).toHaveLength(0);
    expect(logger.info).toHaveBeenCalledWith(
      'Dry run: would create OU Workloads/Workloads_Dev',
    );
  });

  it('rejects a path deeper than AWS allows before calling AWS', async () => {
    const { ctx } = createTestActionContext({ path: 'a/b/c/d/e/f' });

    await expect(action.handler(ctx)).rejects.toThrow(
      'at most 5 levels below the root',
    );
    expect(organizations.calls()).toHaveLength(0);
  });
});
