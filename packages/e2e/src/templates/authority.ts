// Who may act comes from the suite's record and its administrators, not
// from what a user writes in a form.
import { callsBetween, mutatingCalls } from '../lib/emulator.ts';
import type { Check } from '../lib/report.ts';
import { CASES } from './cases.ts';
import { devUser, type Api, type RunTemplate } from './scaffolder.ts';

type Env = { api: Api; runTemplate: RunTemplate; check: Check };

/**
 * The products as code (issue 35): the platform's products published by an
 * administrator through the admin template; the guest may not publish.
 */
export async function publishChecks({
  api,
  runTemplate,
  check,
}: Env): Promise<void> {
  const guest = await runTemplate('ml-platform-publish-products', {});
  check(
    'publish: the guest may not publish the products',
    guest.status === 'failed' &&
      Boolean(
        guest.errors?.some(e =>
          /only administrators may make such changes/.test(e),
        ),
      ),
    `${guest.status} ${guest.errors?.join('; ')}`,
  );
  const ada = await devUser(api, 'ada');
  const run = await runTemplate('ml-platform-publish-products', {}, ada);
  check(
    'publish: ada (an administrator) publishes the products, each checked against its OUs',
    run.status === 'completed' &&
      /ml-studio-domain 1\.0\.0: (already current|create-product|add-version)/.test(
        run.log ?? '',
      ),
    `${run.status} ${run.errors?.join('; ')}`,
  );
}

/**
 * A second user, mallory of team-fraud, tries to take team-churn's project;
 * the guest tries to turn a sandbox project into an MLOps one.
 */
export async function authorityChecks({
  api,
  runTemplate,
  emulator,
  check,
}: Env & { emulator: string }): Promise<void> {
  const mallory = await devUser(api, 'mallory');
  check(
    'authority: mallory (team-fraud) signs in as the second local user',
    !mallory.authorization.endsWith('undefined'),
  );

  const before = await mutatingCalls(emulator);
  const takeover = await runTemplate(
    'ml-mlops-project',
    {
      ...CASES[2].values,
      project: 'churn-prediction',
      owner: 'group:default/team-fraud',
    },
    mallory,
  );
  const takeoverMutations = callsBetween(before, await mutatingCalls(emulator));
  check(
    "authority: mallory's takeover of churn-prediction fails, saying who owns it, with zero mutating AWS calls",
    takeover.status === 'failed' &&
      Boolean(
        takeover.errors?.some(e =>
          e.includes(
            'user:default/mallory may not provision ML project churn-prediction: it is owned by group:default/team-churn',
          ),
        ),
      ) &&
      takeoverMutations.length === 0,
    `${takeover.status}: ${takeover.errors?.join('; ')}; mutating calls: ${
      takeoverMutations.join(', ') || 'none'
    }`,
  );
  const record = await api(
    '/api/ml-environments/projects/churn-prediction/record',
  );
  const system = await api(
    '/api/catalog/entities/by-name/system/default/churn-prediction',
  );
  const ownStudio = await api(
    '/api/ml-environments/projects/churn-prediction/studio-url',
    { method: 'POST' },
  );
  check(
    'authority: the real owner is unaffected: record, catalog owner and Studio access',
    record.body?.owner === 'group:default/team-churn' &&
      system.body?.spec?.owner === 'group:default/team-churn' &&
      ownStudio.status === 200,
    `record ${record.body?.owner}, system ${system.body?.spec?.owner}, studio ${ownStudio.status}`,
  );
  const stolenStudio = await api(
    '/api/ml-environments/projects/churn-prediction/studio-url',
    { method: 'POST' },
    mallory,
  );
  check(
    "authority: mallory gets no Studio URL for team-churn's project",
    stolenStudio.status === 403,
    `status ${stolenStudio.status}`,
  );

  const beforeMix = await mutatingCalls(emulator);
  const mix = await runTemplate('ml-mlops-project', {
    ...CASES[2].values,
    project: 'nlp-playground',
  });
  const mixMutations = callsBetween(beforeMix, await mutatingCalls(emulator));
  check(
    'authority: the MLOps template on a sandbox project fails with zero mutating AWS calls',
    mix.status === 'failed' &&
      Boolean(
        mix.errors?.some(e =>
          e.includes(
            'ML project nlp-playground follows the sandbox pattern, not mlops',
          ),
        ),
      ) &&
      mixMutations.length === 0,
    `${mix.status}: ${mix.errors?.join('; ')}; mutating calls: ${
      mixMutations.join(', ') || 'none'
    }`,
  );

  const refresh = await api('/api/ml-environments/refresh', { method: 'POST' });
  check(
    'authority: refreshing the snapshot is for administrators (the guest gets 403)',
    refresh.status === 403,
    `status ${refresh.status}`,
  );
}
