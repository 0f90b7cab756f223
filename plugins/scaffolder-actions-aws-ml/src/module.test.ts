import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAwsMl } from './module';

describe('scaffolderModuleAwsMl', () => {
  it('registers the actions with the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModuleAwsMl],
    });

    const ids = addActions.mock.calls.flat().map(action => action.id);
    expect(ids).toEqual([
      'aws:organizations:ensureOrganizationalUnit',
      'aws:organizations:createAccount',
      'aws:organizations:attachPolicies',
      'aws:controltower:enableControls',
      'aws:servicecatalog:shareProducts',
      'aws:servicecatalog:provisionProduct',
      'aws:budgets:createBudget',
      'aws:ml:provisionProject',
    ]);
  });

  it('refuses to start with a malformed AWS setting, naming the key', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        ],
        features: [
          scaffolderModuleAwsMl,
          mockServices.rootConfig.factory({
            data: { mlEnvironments: { aws: { region: 'moon-1' } } },
          }),
        ],
      }),
    ).rejects.toThrow(/mlEnvironments\.aws\.region/);
  });
});
