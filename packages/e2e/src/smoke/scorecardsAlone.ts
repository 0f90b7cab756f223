// The scorecards' checks alone, on a dev stack they start (under the ports
// lock): `flock /work/notes/ports.lock bash scripts/run.sh node
// packages/e2e/src/smoke/scorecardsAlone.ts`. Prints `N passed, N failed`.
import { mkdirSync } from 'node:fs';
import { waitFor } from '../lib/processes.ts';
import { createReport } from '../lib/report.ts';
import { BACKEND, FRONTEND, guestSignIn } from '../lib/stack.ts';
import { checkScorecards } from './scorecards.ts';
import { startQuietly } from './stack.ts';

async function main(): Promise<number> {
  const outDir = '.ci-out/scorecards';
  mkdirSync(outDir, { recursive: true });
  const { check, summary } = createReport();
  const dev = startQuietly('npm', ['run', 'dev'], `${outDir}/dev.log`);
  try {
    const up = await waitFor(
      async () =>
        (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok &&
        (await (await fetch(FRONTEND)).text()).includes('id="root"'),
      600_000,
      2000,
    );
    check('the dev app starts', up);
    // Group membership is resolved at sign-in: once the catalog has users.
    const identity = await waitFor(
      async () => {
        const signedIn = await guestSignIn(BACKEND);
        return signedIn?.identity?.ownershipEntityRefs?.includes(
          'group:default/team-churn',
        )
          ? signedIn
          : undefined;
      },
      180_000,
      2000,
    );
    check('guest signs in', Boolean(identity));
    if (up && identity) {
      await checkScorecards({
        backend: BACKEND,
        frontend: FRONTEND,
        token: identity.token,
        check,
        outDir,
      });
    }
  } finally {
    await dev.stop();
  }
  return summary();
}

main().then(code => process.exit(code));
