// The smoke test's last two starts: the dev app on a company-sized
// brownfield organization, and a malformed plugin setting that must stop the
// backend with the key's name.
import { readFileSync, writeFileSync } from 'node:fs';
import { checkBrownfieldOrganization } from '../browser/index.ts';
import type { Check } from '../lib/report.ts';
import { BACKEND, FRONTEND } from '../lib/stack.ts';
import { stage, startQuietly, waitUntil } from './stack.ts';

/** 6. The dev app on a company-sized brownfield organization. */
export async function checkBrownfield(check: Check): Promise<void> {
  const brownfield = startQuietly(
    'npm',
    ['run', 'dev'],
    '.ci-out/dev-brownfield.log',
    { cwd: process.cwd(), env: { AWS_EMULATOR_SEED: 'brownfield' } },
  );
  try {
    const up = await waitUntil(
      'the frontend on the brownfield organization',
      async () =>
        (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok &&
        (await (await fetch(FRONTEND)).text()).includes('id="root"'),
      600_000,
    );
    check('dev app starts on the brownfield organization', up);
    if (up) {
      await stage(check, 'browser on the brownfield organization', () =>
        checkBrownfieldOrganization({
          frontend: FRONTEND,
          check,
          outDir: '.ci-out',
          accounts: 1000,
        }),
      );
    }
  } finally {
    await brownfield.stop();
  }
}

/** 7. A malformed plugin setting stops the backend with the key's name. */
export async function checkBadConfig(check: Check): Promise<void> {
  writeFileSync(
    '.ci-out/bad-config.yaml',
    'mlEnvironments:\n  aws:\n    endpoint: localhost:4599\n',
  );
  const bad = startQuietly(
    'backstage-cli',
    [
      'package',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../.ci-out/bad-config.yaml',
    ],
    '.ci-out/bad-config.log',
    { cwd: 'packages/backend' },
  );
  try {
    const failed = await waitUntil(
      'the backend to refuse the bad configuration',
      async () =>
        readFileSync('.ci-out/bad-config.log', 'utf8').includes(
          'Backend startup failed',
        ),
      300_000,
    );
    const log = readFileSync('.ci-out/bad-config.log', 'utf8');
    check(
      'malformed mlEnvironments.aws.endpoint stops the start, naming the key',
      failed &&
        /startup failed; caused by Error: Invalid configuration at mlEnvironments\.aws\.endpoint/.test(
          log,
        ),
    );
  } finally {
    await bad.stop();
  }
}
