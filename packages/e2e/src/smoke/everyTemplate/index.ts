// Every template of the suite filled by hand in the dev app's UI (issue 33),
// signing in through the dev sign-in page as each step needs: the guest
// (team-churn) creates a sandbox and a dev project (a dataset picked from
// the data lake's list) and asks for a guardrail exception and data access
// for the dev project (requests.ts); ada (platform team) finds the requests
// in her notifications and approves both on the project's tab; mallory
// (team-fraud) is refused the guest's project by the retire form itself; the
// guest retires the sandbox and is told (decisions.ts).
// The MLOps template is walked by the newcomer's journey (../journey). Each
// view is photographed at 1440 × 900 and 1024 × 768
// (.ci-out/screenshots/templates-*), checked for sideways overflow and for
// axe-core's serious or critical violations (a11y.ts).
import { withBrowser } from '../../browser/index.ts';
import type { Check } from '../../lib/report.ts';
import { inspect } from './a11y.ts';
import { createActions, type SignedIn } from './actions.ts';
import { decisionSteps } from './decisions.ts';
import { requestSteps } from './requests.ts';

export async function checkEveryTemplate({
  frontend,
  check,
  outDir,
  sandbox,
  dev,
}: {
  frontend: string;
  check: Check;
  outDir: string;
  sandbox: string;
  dev: string;
}): Promise<void> {
  await withBrowser(
    { frontend, check, outDir, label: 'every template' },
    async session => {
      const { page, attempt, screenshots } = session;
      page.setDefaultTimeout(120_000);
      const shoot = (view: string) =>
        inspect(page, check, screenshots, `templates-${view}`);
      // withBrowser signed in the guest; undefined after a step that failed
      // half-way, so that the next one signs in afresh.
      const signedIn: SignedIn = { user: 'guest' };
      const failed = new Set<string>();
      /** A step that needs earlier ones is reported failed at once without them. */
      const walk = async (
        name: string,
        needs: string[],
        body: () => Promise<void>,
      ) => {
        const missing = needs.filter(n => failed.has(n));
        if (missing.length) {
          failed.add(name);
          check(name, false, `not reached: ${missing.join(', ')} failed`);
          return;
        }
        let ok = false;
        await attempt(name, async () => {
          await body();
          ok = true;
        });
        if (!ok) {
          failed.add(name);
          signedIn.user = undefined;
        }
      };
      const everyTemplate = {
        ...session,
        ...createActions({ page, frontend, shoot, signedIn }),
        frontend,
        check,
        sandbox,
        dev,
        shoot,
        walk,
      };
      await requestSteps(everyTemplate);
      await decisionSteps(everyTemplate);
    },
  );
}
