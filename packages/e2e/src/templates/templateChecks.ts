// End-to-end checks of the three ML project templates through the scaffolder
// API of the running dev app (`npm run dev`: backend on the AWS emulator):
// each template runs to completion and the organization (read through the
// AWS SDK from the emulator), the catalog and the built TechDocs are checked;
// one template runs twice with nothing duplicated; invalid input fails
// clearly with nothing created. Then the authority, attack, exception, data
// access, fault drill and offboarding checks run on what they made.
import { existsSync } from 'node:fs';
import { callsBetween, mutatingCalls } from '../lib/emulator.ts';
import type { Check } from '../lib/report.ts';
import { attackChecks } from './attack.ts';
import { authorityChecks, publishChecks } from './authority.ts';
import { CASES } from './cases.ts';
import { dataAccessChecks } from './dataAccess.ts';
import { exceptionChecks } from './exceptions.ts';
import { faultDrill } from './faultDrill.ts';
import { offboardingChecks } from './offboarding.ts';
import { awsClients, readOrganization } from './organization.ts';
import { projectChecks } from './projectChecks.ts';
import {
  createApi,
  createRunTemplate,
  devUser,
  waitUntil,
} from './scaffolder.ts';

export type TemplateChecksOptions = {
  /** The backend's base URL. */
  backend: string;
  /** The AWS emulator's base URL. */
  emulator: string;
  /** The guest's Backstage token. */
  token: string | undefined;
  check: Check;
  /** Where the templates publish the projects' repositories. */
  repositories: string;
};

/** Runs the checks, reporting each through `check(name, ok, detail)`. */
export async function templateChecks({
  backend,
  emulator,
  token,
  check,
  repositories,
}: TemplateChecksOptions): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const api = createApi(backend, token);
  const runTemplate = createRunTemplate(api);

  const templatesReady = await waitUntil(async () => {
    const { body } = await api(
      '/api/catalog/entities/by-query?filter=kind=template',
    );
    const names = ((body.items ?? []) as { metadata: { name: string } }[]).map(
      t => t.metadata.name,
    );
    return CASES.every(c => names.includes(c.template));
  }, 120_000);
  check(
    'templates: the three ML project templates are in the catalog',
    Boolean(templatesReady),
  );
  if (!templatesReady) return;

  const clients = awsClients(emulator);
  await publishChecks({ api, runTemplate, check });
  for (const c of CASES) {
    const run = await runTemplate(c.template, c.values);
    check(
      `templates: ${c.template} runs to completion`,
      run.status === 'completed',
      `${run.status} ${
        run.errors?.join('; ') ?? JSON.stringify(run.body ?? '')
      }`,
    );
    if (run.status !== 'completed') continue;
    await projectChecks({ api, backend, auth, clients, check }, c, run);
  }

  // Re-running a template with the same inputs duplicates nothing.
  const mlops = CASES[2];
  const before = await mutatingCalls(emulator);
  const accountsBefore = (await readOrganization(clients)).accounts.length;
  const rerun = await runTemplate(mlops.template, mlops.values);
  const mutations = callsBetween(before, await mutatingCalls(emulator));
  const accountsAfter = (await readOrganization(clients)).accounts.length;
  check(
    'templates: re-running ml-mlops-project completes with no AWS change and no new account',
    rerun.status === 'completed' &&
      mutations.length === 0 &&
      accountsAfter === accountsBefore,
    `${rerun.status}; mutating calls: ${
      mutations.join(', ') || 'none'
    }; accounts ${accountsBefore} → ${accountsAfter}`,
  );
  const { body: locations } = await api('/api/catalog/locations');
  const registered = (
    (locations ?? []) as { data: { target: string } }[]
  ).filter(l =>
    l.data.target.includes(`/${mlops.values.project}/catalog-info.yaml`),
  );
  check(
    'templates: the re-run registered no second catalog location',
    registered.length === 1,
    `${registered.length} locations`,
  );

  // Invalid input: the form's schema rejects it at once …
  const badName = await runTemplate('ml-dev-project', {
    ...CASES[1].values,
    project: 'Bad_Name',
  });
  check(
    'templates: a malformed project name is rejected before any task runs',
    badName.status === 'rejected 400' &&
      JSON.stringify(badName.body).includes('project'),
    `${badName.status} ${JSON.stringify(badName.body).slice(0, 200)}`,
  );
  // … and what only provisioning can judge fails it with nothing created.
  const beforeInvalid = await mutatingCalls(emulator);
  const invalid = await runTemplate('ml-dev-project', {
    ...CASES[1].values,
    project: 'orphan-project',
    owner: 'user:default/guest',
  });
  const invalidMutations = callsBetween(
    beforeInvalid,
    await mutatingCalls(emulator),
  );
  const orphanEntity = await api(
    '/api/catalog/entities/by-name/system/default/orphan-project',
  );
  check(
    'templates: an owner that is not a group fails the task, saying so, with nothing created',
    invalid.status === 'failed' &&
      Boolean(
        invalid.errors?.some(e =>
          e.includes("owner 'user:default/guest' must be a group entity ref"),
        ),
      ) &&
      invalidMutations.length === 0 &&
      orphanEntity.status === 404 &&
      !existsSync(`${repositories}/orphan-project`),
    `${invalid.status}: ${invalid.errors?.join('; ')}; mutating calls: ${
      invalidMutations.join(', ') || 'none'
    }`,
  );

  const calls = () => mutatingCalls(emulator);
  await authorityChecks({ api, runTemplate, emulator, check });
  await attackChecks({
    api,
    mutatingCalls: calls,
    organizations: clients.organizations,
    mallory: await devUser(api, 'mallory'),
    check,
  });
  await exceptionChecks({
    api,
    runTemplate,
    mutatingCalls: calls,
    organizations: clients.organizations,
    ada: await devUser(api, 'ada'),
    check,
  });
  await dataAccessChecks({
    api,
    runTemplate,
    emulator,
    check,
    ada: await devUser(api, 'ada'),
    grace: await devUser(api, 'grace'),
    mallory: await devUser(api, 'mallory'),
    devProject: CASES[1].values.project,
  });
  await faultDrill({ api, runTemplate, emulator, clients, check });
  await offboardingChecks({
    api,
    runTemplate,
    mutatingCalls: calls,
    clients,
    check,
    mallory: await devUser(api, 'mallory'),
  });
}
