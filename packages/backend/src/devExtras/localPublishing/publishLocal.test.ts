import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { createPublishLocalAction } from './publishLocal';
import { mockCredentials, runPublishLocal } from './__testUtils__/runAction';

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: churn-prediction-ml }
spec: { type: ml-project, owner: team-churn, lifecycle: experimental }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: churn-prediction }
spec: { owner: team-churn }
`;

function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-local-'));
  const workspacePath = path.join(root, 'workspace');
  const directory = path.join(root, 'repos');
  fs.mkdirSync(path.join(workspacePath, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(workspacePath, 'catalog-info.yaml'), catalogInfo);
  fs.writeFileSync(path.join(workspacePath, 'docs', 'index.md'), '# Hello\n');
  const catalog = catalogServiceMock.mock();
  const action = createPublishLocalAction({ directory, catalog });
  const run = (input: any, isDryRun = false) =>
    runPublishLocal(action, input, { workspacePath, isDryRun });
  return { root, workspacePath, directory, catalog, run };
}

describe('publish:local', () => {
  it('writes a git repository, registers its catalog-info.yaml and names the System', async () => {
    const { directory, catalog, run } = setup();
    catalog.getLocationByRef.mockResolvedValue(undefined);
    const outputs = await run({ repoName: 'churn-prediction' });

    const repo = path.join(directory, 'churn-prediction');
    expect(outputs).toMatchObject({
      remoteUrl: `file://${repo}`,
      catalogInfoPath: path.join(repo, 'catalog-info.yaml'),
      entityRef: 'system:default/churn-prediction',
    });
    const log = await git.log({ fs, dir: repo });
    expect(log.map(c => c.oid)).toEqual([outputs.commitHash]);
    expect((await git.listFiles({ fs, dir: repo })).sort()).toEqual([
      'catalog-info.yaml',
      'docs/index.md',
    ]);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'file', target: path.join(repo, 'catalog-info.yaml') },
      { credentials: mockCredentials },
    );
  });

  it('re-running with the same content makes no commit and no second location', async () => {
    const { directory, workspacePath, catalog, run } = setup();
    catalog.getLocationByRef.mockResolvedValueOnce(undefined);
    await run({ repoName: 'churn-prediction' });
    catalog.getLocationByRef.mockResolvedValue({
      id: 'l1',
      type: 'file',
      target: 'x',
      entityRef: 'location:default/generated-1',
    });
    const second = await run({ repoName: 'churn-prediction' });
    const repo = path.join(directory, 'churn-prediction');
    expect(second.commitHash).toBeUndefined();
    expect(await git.log({ fs, dir: repo })).toHaveLength(1);
    expect(catalog.addLocation).toHaveBeenCalledTimes(1);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'system:default/churn-prediction',
      { credentials: mockCredentials },
    );

    fs.writeFileSync(path.join(workspacePath, 'docs', 'index.md'), '# New\n');
    const third = await run({ repoName: 'churn-prediction' });
    expect(third.commitHash).toBeDefined();
    expect(await git.log({ fs, dir: repo })).toHaveLength(2);

    fs.rmSync(path.join(workspacePath, 'docs'), { recursive: true });
    await run({ repoName: 'churn-prediction' });
    expect(await git.listFiles({ fs, dir: repo })).toEqual([
      'catalog-info.yaml',
    ]);
    expect(await git.log({ fs, dir: repo })).toHaveLength(3);
  });

  it('writes nothing in a dry run', async () => {
    const { directory, catalog, run } = setup();
    const outputs = await run({ repoName: 'churn-prediction' }, true);
    expect(outputs.entityRef).toBe('system:default/churn-prediction');
    expect(fs.existsSync(directory)).toBe(false);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('refuses a repository name that is not a plain directory name', async () => {
    const { directory, run } = setup();
    await expect(run({ repoName: '../escape' })).rejects.toThrow(
      "repoName '../escape' is not a directory name",
    );
    expect(fs.existsSync(directory)).toBe(false);
  });

  it('says what is missing when there is no catalog-info.yaml', async () => {
    const { workspacePath, run } = setup();
    fs.rmSync(path.join(workspacePath, 'catalog-info.yaml'));
    await expect(run({ repoName: 'x-project' })).rejects.toThrow(
      'The workspace has no catalog-info.yaml to register',
    );
  });
  it('lets three concurrent tasks on one repository take turns, each leaving it whole', async () => {
    const { directory, catalog, run } = setup();
    catalog.getLocationByRef.mockResolvedValue(undefined);
    const runs = await Promise.allSettled([
      run({ repoName: 'churn-prediction' }),
      run({ repoName: 'churn-prediction' }),
      run({ repoName: 'churn-prediction' }),
    ]);
    expect(runs.map(r => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const repo = path.join(directory, 'churn-prediction');
    expect(fs.existsSync(path.join(repo, 'catalog-info.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'docs', 'index.md'))).toBe(true);
    // One commit: the later runs found the content already there.
    const log = await git.log({ fs, dir: repo });
    expect(log).toHaveLength(1);
  });
});
