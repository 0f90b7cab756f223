import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';
import { runPublishLocal } from './__testUtils__/runAction';

describe('publish:local examples', () => {
  it('publishes and registers as the example says', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-example-'));
    const workspacePath = path.join(root, 'workspace');
    fs.mkdirSync(workspacePath);
    fs.writeFileSync(
      path.join(workspacePath, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: churn-prediction }\nspec: { owner: team-churn }\n',
    );
    const catalog = catalogServiceMock.mock();
    const directory = path.join(root, 'repos');
    const action = createPublishLocalAction({ directory, catalog });
    const [step] = yaml.parse(examples[0].example).steps;
    const outputs = await runPublishLocal(action, step.input, {
      workspacePath,
    });
    expect(outputs.entityRef).toBe('system:default/churn-prediction');
    expect(
      fs.existsSync(path.join(directory, 'churn-prediction', '.git')),
    ).toBe(true);
    expect(catalog.addLocation).toHaveBeenCalledTimes(1);
  });
});
