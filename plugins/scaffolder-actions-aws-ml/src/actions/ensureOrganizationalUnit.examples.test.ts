import {
  CreateOrganizationalUnitCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import yaml from 'yaml';
import { createEnsureOrganizationalUnitAction } from './ensureOrganizationalUnit';
import { examples } from './ensureOrganizationalUnit.examples';
import { createTestActionContext, mockedDeps } from './__testUtils__/testing';

const organizations = mockClient(OrganizationsClient);

describe('aws:organizations:ensureOrganizationalUnit examples', () => {
  const action = createEnsureOrganizationalUnitAction(mockedDeps);

  beforeEach(() => {
    organizations.reset();
    organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-abcd' }] });
    organizations
      .on(ListOrganizationalUnitsForParentCommand)
      .resolves({ OrganizationalUnits: [] });
    organizations.on(CreateOrganizationalUnitCommand).callsFake(input => ({
      OrganizationalUnit: {
        Id: `ou-abcd-${input.Name.toLowerCase()
          .replace(/[^a-z0-9]/g, '')
          .padEnd(8, '0')}`,
        Arn: `arn:aws:organizations::111111111111:ou/o-exampleorg1/${input.Name}`,
        Name: input.Name,
      },
    }));
  });

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(action.id);
      const { ctx, outputs } = createTestActionContext(step.input);

      await action.handler(ctx);

      const created = organizations
        .commandCalls(CreateOrganizationalUnitCommand)
        .map(call => call.args[0].input.Name);
      expect(created.join('/')).toBe(step.input.path);
      expect(outputs.ouId).toMatch(/^ou-abcd-/);
    },
  );
});
