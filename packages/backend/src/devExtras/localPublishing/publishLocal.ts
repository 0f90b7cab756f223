import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { parseAllDocuments } from 'yaml';
import { examples } from './publishLocal.examples';

const REPO_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** The ref of the first System in catalog-info.yaml, else of its first entity. */
function mainEntityRef(catalogInfo: string, file: string): string {
  const entities = parseAllDocuments(catalogInfo)
    .map(doc => doc.toJS())
    .filter(e => e?.kind && e?.metadata?.name);
  const main = entities.find(e => e.kind === 'System') ?? entities[0];
  if (!main) {
    throw new InputError(`${file} holds no catalog entity`);
  }
  return stringifyEntityRef(main);
}

/** Tasks publishing one repository take turns: one writer at a time. */
const writers = new Map<string, Promise<unknown>>();

async function oneWriterAt<T>(repoDir: string, write: () => Promise<T>) {
  const before = writers.get(repoDir) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(write);
  writers.set(repoDir, mine);
  try {
    return await mine;
  } finally {
    if (writers.get(repoDir) === mine) writers.delete(repoDir);
  }
}

/** Stages every change (new, changed and deleted files) and commits it. */
async function commitAll(dir: string, message: string) {
  const matrix = await git.statusMatrix({ fs, dir });
  const changed = matrix.filter(
    ([, head, workdir, stage]) => !(head === 1 && workdir === 1 && stage === 1),
  );
  for (const [filepath, , workdir] of changed) {
    if (workdir === 0) await git.remove({ fs, dir, filepath });
    else await git.add({ fs, dir, filepath });
  }
  if (changed.length === 0) return undefined;
  return git.commit({
    fs,
    dir,
    message,
    author: { name: 'Backstage scaffolder', email: 'scaffolder@localhost' },
  });
}

/**
 * `publish:local`: the offline stand-in for publish:github in local
 * development. Writes the workspace to `<directory>/<repoName>` as a git
 * repository and registers its catalog-info.yaml as a `file` location.
 * Re-running updates the same repository and location.
 */
export function createPublishLocalAction(options: {
  directory: string;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'publish:local',
    description:
      'Publishes the workspace as a local git repository and registers its catalog-info.yaml as a file location (offline development only)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe('Repository directory name, e.g. the project name'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('Workspace subdirectory to publish; defaults to all'),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe('Defaults to catalog-info.yaml at the top'),
      },
      output: {
        remoteUrl: z => z.string().describe('file:// URL of the repository'),
        catalogInfoPath: z =>
          z.string().describe('Absolute path of the registered file'),
        entityRef: z => z.string().describe('The main entity it registers'),
        commitHash: z =>
          z.string().optional().describe('The new commit, if anything changed'),
      },
    },
    async handler(ctx) {
      const { repoName } = ctx.input;
      if (!REPO_NAME.test(repoName)) {
        throw new InputError(
          `repoName '${repoName}' is not a directory name: use lowercase letters, digits, '.', '_' and '-'`,
        );
      }
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const catalogInfoRelative =
        ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      const sourceCatalogInfo = resolveSafeChildPath(
        source,
        catalogInfoRelative,
      );
      if (!fs.existsSync(sourceCatalogInfo)) {
        throw new InputError(
          `The workspace has no ${catalogInfoRelative} to register; write one with fetch:template first`,
        );
      }
      const entityRef = mainEntityRef(
        fs.readFileSync(sourceCatalogInfo, 'utf8'),
        catalogInfoRelative,
      );
      const repoDir = path.join(options.directory, repoName);
      const catalogInfoPath = path.join(repoDir, catalogInfoRelative);
      ctx.output('remoteUrl', `file://${repoDir}`);
      ctx.output('catalogInfoPath', catalogInfoPath);
      ctx.output('entityRef', entityRef);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish to ${repoDir} and register ${catalogInfoPath}`,
        );
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      await oneWriterAt(repoDir, async () => {
        await fs.promises.mkdir(repoDir, { recursive: true });
        if (!fs.existsSync(path.join(repoDir, '.git'))) {
          await git.init({ fs, dir: repoDir, defaultBranch: 'main' });
        }
        // Mirror the workspace: what a re-run no longer generates goes too.
        for (const entry of await fs.promises.readdir(repoDir)) {
          if (entry !== '.git') {
            await fs.promises.rm(path.join(repoDir, entry), {
              recursive: true,
              force: true,
            });
          }
        }
        await fs.promises.cp(source, repoDir, { recursive: true });
        const commitHash = await commitAll(
          repoDir,
          `Scaffolded by Backstage task ${ctx.task.id}`,
        );
        if (commitHash) ctx.output('commitHash', commitHash);
        ctx.logger.info(
          commitHash
            ? `Committed ${commitHash.slice(0, 7)} to ${repoDir}`
            : `${repoDir} already holds this content`,
        );

        // Only a repository that holds its catalog-info.yaml is registered.
        if (!fs.existsSync(catalogInfoPath)) {
          throw new Error(
            `${catalogInfoPath} is missing after the commit; nothing was registered`,
          );
        }
        const locationRef = `file:${catalogInfoPath}`;
        const existing = await options.catalog.getLocationByRef(locationRef, {
          credentials,
        });
        if (existing) {
          ctx.logger.info(`${locationRef} is already registered; refreshing`);
          await options.catalog.refreshEntity(entityRef, { credentials });
        } else {
          await options.catalog.addLocation(
            { type: 'file', target: catalogInfoPath },
            { credentials },
          );
          ctx.logger.info(`Registered ${locationRef} in the catalog`);
        }
      });
    },
  });
}
