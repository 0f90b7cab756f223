// A one-step template dry-run in the scaffolder: what the suite's actions
// would do, with nothing changed.

/** A dry run's answer: its status and the body the scaffolder returned. */
export type DryRun = {
  status: number;
  body: {
    log?: { body?: { message?: string } }[];
    output?: Record<string, unknown>;
  };
};

/** Dry-runs a one-step template in the scaffolder; returns the response body. */
export async function scaffolderDryRun(
  backend: string,
  auth: Record<string, string>,
  name: string,
  step: Record<string, unknown>,
  output: Record<string, string>,
): Promise<DryRun> {
  const response = await fetch(`${backend}/api/scaffolder/v2/dry-run`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      template: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name },
        spec: {
          owner: 'group:default/team-churn',
          type: 'service',
          parameters: [],
          steps: [step],
          output,
        },
      },
      values: {},
      secrets: {},
      directoryContents: [],
    }),
  });
  return {
    status: response.status,
    body: response.ok ? ((await response.json()) as DryRun['body']) : {},
  };
}
