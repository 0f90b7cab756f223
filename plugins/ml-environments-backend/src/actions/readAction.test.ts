import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  mlEnvironmentsStatusReadPermission,
  mlOrganizationChangePermission,
} from '@mlgov/plugin-ml-environments-common';
import { projectInput, READ_ONLY, registerReadAction } from './readAction';

function registry() {
  return actionsRegistryServiceMock({ logger: mockServices.logger.mock() });
}

const echo = {
  name: 'echo-project',
  title: 'Echo',
  description: 'Answers the project it was given',
  schema: {
    input: projectInput,
    output: projectInput,
  },
  action: async ({ input }: { input: { project: string } }) => ({
    output: { project: input.project },
  }),
};

describe('registerReadAction', () => {
  it('marks the action read-only and lists it only to readers of the status', () => {
    const actions = registry();
    registerReadAction(actions, echo);
    expect([...actions.actions.values()][0]).toMatchObject({
      name: 'echo-project',
      attributes: READ_ONLY,
      visibilityPermission: mlEnvironmentsStatusReadPermission,
    });
  });

  it('keeps a stricter permission the action names', () => {
    const actions = registry();
    registerReadAction(actions, {
      ...echo,
      visibilityPermission: mlOrganizationChangePermission,
    });
    expect([...actions.actions.values()][0].visibilityPermission).toBe(
      mlOrganizationChangePermission,
    );
  });
});

describe('projectInput', () => {
  it('takes a project name as the routes do and refuses another', async () => {
    const actions = registry();
    registerReadAction(actions, echo);
    const [id] = [...actions.actions.keys()];
    await expect(
      actions.invoke({ id, input: { project: 'churn-prediction' } }),
    ).resolves.toEqual({ output: { project: 'churn-prediction' } });
    await expect(
      actions.invoke({ id, input: { project: 'Churn Prediction!' } }),
    ).rejects.toThrow('Invalid input');
  });
});
