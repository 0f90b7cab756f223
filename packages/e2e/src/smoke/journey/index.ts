// The newcomer's journey (issue 19), walked through the dev app's UI the way
// an ML engineer of team-churn would on the first day: sign in, the home
// page, the template form filled by hand, the task's links (create.ts), the
// project's ML environment tab, SageMaker Studio, the onboarding guide and
// its search, and why an account is non-compliant, by keyboard (project.ts).
// Each view is photographed at 1440 × 900 and 1024 × 768
// (.ci-out/screenshots/journey-*), and each defect the issue found is
// checked absent.
import { photograph, withBrowser } from '../../browser/index.ts';
import type { Check } from '../../lib/report.ts';
import { createProject } from './create.ts';
import { useProject } from './project.ts';
import type { Journey } from './types.ts';

export async function checkNewcomerJourney({
  frontend,
  check,
  outDir,
  project,
}: {
  frontend: string;
  check: Check;
  outDir: string;
  /** The name the newcomer gives the project. */
  project: string;
}): Promise<void> {
  await withBrowser(
    { frontend, check, outDir, label: 'journey' },
    async session => {
      const { page, attempt, screenshots } = session;
      const shoot = (view: string) =>
        photograph(page, check, screenshots, `journey-${view}`);
      // Each step starts where the one before ended: after a failure the
      // rest of the walk is reported failed at once, not timed out.
      let broken: string | undefined;
      const walk = async (name: string, body: () => Promise<void>) => {
        if (broken) {
          check(name, false, `not reached: ${broken} failed`);
          return;
        }
        await attempt(name, async () => {
          try {
            await body();
          } catch (error) {
            broken = name;
            throw error;
          }
        });
      };
      const journey: Journey = {
        ...session,
        frontend,
        check,
        project,
        shoot,
        walk,
      };
      await createProject(journey);
      await useProject(journey);
    },
  );
}
