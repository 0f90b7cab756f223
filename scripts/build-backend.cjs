// The production backend, built the way `backstage-cli package build` builds
// a backend package (dist/index.cjs.js, then a dist workspace of the backend
// and the workspace packages it uses, each as it would be published), except
// that the workspace carries npm's lockfile instead of Yarn's: the CLI's own
// command copies yarn.lock, which an npm repository does not have.
//
// Writes packages/backend/dist/bundle.tar.gz (the dist workspace) and
// skeleton.tar.gz (its package.json files, for a cached dependency layer),
// as Backstage's host build expects. Run through `npm run build`.
const { resolve } = require('node:path');
const os = require('node:os');
const fs = require('fs-extra');
const tar = require('tar');
const { PackageGraph } = require('@backstage/cli-node');
const {
  createDistWorkspace,
} = require('@backstage/cli-module-build/dist/lib/packager/createDistWorkspace.cjs.js');
const {
  buildPackage,
} = require('@backstage/cli-module-build/dist/lib/builder/packager.cjs.js');
const {
  Output,
} = require('@backstage/cli-module-build/dist/lib/builder/types.cjs.js');

const root = resolve(__dirname, '..');
const backendDir = resolve(root, 'packages/backend');

async function main() {
  const packageJson = await fs.readJson(resolve(backendDir, 'package.json'));
  await buildPackage({
    targetDir: backendDir,
    packageJson,
    outputs: new Set([Output.cjs]),
    workspacePackages: await PackageGraph.listTargetPackages(),
  });
  const workspace = await fs.mkdtemp(resolve(os.tmpdir(), 'backend-bundle-'));
  try {
    await createDistWorkspace([packageJson.name], {
      targetDir: workspace,
      buildDependencies: true,
      // The app is bundled on its own first (scripts/build.sh); the backend
      // was built just above.
      buildExcludes: [packageJson.name, 'app'],
      files: ['package.json', 'package-lock.json', '.npmrc'],
      skeleton: 'skeleton.tar.gz',
    });
    const dist = resolve(backendDir, 'dist');
    await fs.remove(resolve(dist, 'bundle.tar.gz'));
    await fs.move(
      resolve(workspace, 'skeleton.tar.gz'),
      resolve(dist, 'skeleton.tar.gz'),
      { overwrite: true },
    );
    await tar.create(
      {
        file: resolve(dist, 'bundle.tar.gz'),
        cwd: workspace,
        portable: true,
        noMtime: true,
        gzip: true,
      },
      [''],
    );
  } finally {
    await fs.remove(workspace);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
