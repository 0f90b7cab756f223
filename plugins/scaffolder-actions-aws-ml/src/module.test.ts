import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { scaffolderModuleAwsMl } from './module';

const templating = () => ({
  addTemplateFilters: jest.fn(),
  addTemplateGlobals: jest.fn(),
});

describe('scaffolderModuleAwsMl', () => {
  it('registers the actions with the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [scaffolderActionsExtensionPoint, { addActions }],
        [scaffolderTemplatingExtensionPoint, templating()],
      ],
      features: [scaffolderModuleAwsMl],
    });

    const ids = addActions.mock.calls.flat().map(action => action.id);
    expect(ids).toEqual([
      'aws:organizations:ensureOrganizationalUnit',
      'aws:organizations:createAccount',
      'aws:organizations:attachPolicies',
      'aws:controltower:registerOrganizationalUnit',
      'aws:controltower:enableControls',
      'aws:servicecatalog:shareProducts',
      'aws:servicecatalog:provisionProduct',
      'aws:budgets:createBudget',
      'aws:ml:provisionProject',
      'aws:ml:transferProject',
      'aws:ml:requestGuardrailException',
      'aws:ml:offboardProject',
      'aws:lakeformation:grantDataAccess',
      'aws:servicecatalog:publishProducts',
      'aws:ml:assessGuardrails',
    ]);
  });

  it('refuses to start with a malformed AWS setting, naming the key', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
          [scaffolderTemplatingExtensionPoint, templating()],
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

  it('gives templates the configured publish target as a global', async () => {
    const globals = templating();
    await startTestBackend({
      extensionPoints: [
        [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        [scaffolderTemplatingExtensionPoint, globals],
      ],
      features: [
        scaffolderModuleAwsMl,
        mockServices.rootConfig.factory({
          data: {
            mlEnvironments: {
              aws: { region: 'us-east-1' },
              templates: { publish: { target: 'github', owner: 'acme-ml' } },
            },
          },
        }),
      ],
    });
    expect(globals.addTemplateGlobals).toHaveBeenCalledWith({
      mlEnvironmentsPublish: {
        target: 'github',
        host: 'github.com',
        owner: 'acme-ml',
      },
    });
  });
});
