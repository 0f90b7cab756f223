// An adopter's Backstage app, as @backstage/create-app would leave it (the
// parts the suite touches), written into a directory outside the workspace:
// a backend on the new backend system (catalog, scaffolder, guest sign-in,
// permission framework, app backend) and an app on the new frontend system
// (catalog, scaffolder, a guest sign-in page). It depends only on published
// Backstage packages, at the versions of the workspace's package-lock, so
// npm finds them in its cache. The suite is added afterwards by applying the
// READMEs' blocks (readmeBlocks.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './pack.ts';

const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

/** The workspace's locked version of each package, exactly. */
export function lockedVersions(names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map(name => {
      const version = LOCK.packages[`node_modules/${name}`]?.version;
      if (!version) throw new Error(`${name} is not in package-lock.json`);
      return [name, version];
    }),
  );
}

const BACKEND_DEPENDENCIES = [
  '@backstage/backend-defaults',
  '@backstage/plugin-app-backend',
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-catalog-backend-module-scaffolder-entity-model',
  '@backstage/plugin-permission-backend',
  '@backstage/plugin-scaffolder-backend',
  'pg',
];
const APP_DEPENDENCIES = [
  '@backstage/core-components',
  '@backstage/frontend-defaults',
  '@backstage/frontend-plugin-api',
  '@backstage/plugin-app-react',
  '@backstage/plugin-catalog',
  '@backstage/plugin-scaffolder',
  '@backstage/ui',
  '@material-ui/core',
  'react',
  'react-dom',
  'react-router',
  'react-router-dom',
];

function write(dir: string, file: string, content: string | object): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(
    join(dir, file),
    typeof content === 'string' ? content : JSON.stringify(content, null, 2),
  );
}

export const BACKEND_INDEX = 'packages/backend/src/index.ts';
export const APP_INDEX = 'packages/app/src/App.tsx';

/** The host app's files, before the suite. */
export function writeHostApp(dir: string): void {
  write(dir, 'package.json', {
    name: 'adopter-backstage',
    version: '1.0.0',
    private: true,
    engines: { node: '22 || 24' },
    workspaces: ['packages/*'],
    devDependencies: lockedVersions([
      '@backstage/cli',
      '@backstage/cli-defaults',
    ]),
  });
  // MUI v4 declares React peer ranges npm's strict resolver rejects beside
  // React 18 (Yarn, create-app's default, only warns).
  write(dir, '.npmrc', 'legacy-peer-deps=true\n');
  write(dir, 'packages/backend/package.json', {
    name: 'backend',
    version: '0.0.0',
    private: true,
    main: 'dist/index.cjs.js',
    types: 'src/index.ts',
    backstage: { role: 'backend' },
    scripts: { build: 'backstage-cli package build' },
    dependencies: {
      ...lockedVersions(BACKEND_DEPENDENCIES),
      app: '0.0.0',
    },
  });
  write(
    dir,
    BACKEND_INDEX,
    `import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-permission-backend'));

backend.start();
`,
  );
  write(dir, 'packages/app/package.json', {
    name: 'app',
    version: '0.0.0',
    private: true,
    bundled: true,
    backstage: { role: 'frontend' },
    scripts: { build: 'backstage-cli package build' },
    dependencies: lockedVersions(APP_DEPENDENCIES),
    browserslist: ['last 1 chrome version'],
  });
  write(
    dir,
    'packages/app/public/index.html',
    `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title><%= config.getString('app.title') %></title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`,
  );
  write(
    dir,
    'packages/app/src/index.tsx',
    `import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import app from './App';
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
`,
  );
  write(
    dir,
    APP_INDEX,
    `import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { SignInPage } from '@backstage/core-components';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';

const signInPage = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () => props => (
          <SignInPage {...props} providers={['guest']} />
        ),
      },
    }),
  ],
});

export default createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    signInPage,
  ],
});
`,
  );
}

/** A catalog location of the app's configuration. */
type Location = {
  type: string;
  target: string;
  rules?: Array<{ allow: string[] }>;
};

/** The adopter's own configuration before the suite: ports, database, people. */
export function hostConfig({
  port,
  database,
  prefix,
}: {
  port: number;
  /** knex connection settings */
  database: object;
  prefix: string;
}) {
  const url = `http://localhost:${port}`;
  const locations: Location[] = [
    {
      type: 'file',
      target: '../../org.yaml',
      rules: [{ allow: ['User', 'Group'] }],
    },
  ];
  return {
    app: { title: 'Adopter Backstage', baseUrl: url },
    organization: { name: 'Adopter Corp' },
    backend: {
      baseUrl: url,
      listen: { port },
      database: {
        client: 'pg',
        connection: database,
        // A fresh set of databases each run.
        prefix,
      },
    },
    auth: {
      environment: 'development',
      providers: { guest: { userEntityRef: 'user:default/guest' } },
    },
    catalog: {
      rules: [
        {
          allow: ['Component', 'System', 'API', 'Resource', 'Location'],
        },
      ],
      locations,
    },
  };
}

/** The adopter's people: the guest is in the team that owns the project. */
export function writeOrg(dir: string, team: string): void {
  write(
    dir,
    'org.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: ${team} }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: guest }
spec: { memberOf: [${team}] }
`,
  );
}
