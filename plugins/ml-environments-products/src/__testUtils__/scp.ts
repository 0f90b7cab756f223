import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  type ScpLevel,
  findGuardrail,
  scpDocument,
} from '@mlgov/plugin-ml-environments-common';

const FULL_AWS_ACCESS = {
  name: 'FullAWSAccess',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
} as ScpLevel['policies'][number];

/** The SCPs the default baseline puts from the root down to an OU. */
export function chainTo(ouPath: string): ScpLevel[] {
  const parts = ouPath.split('/');
  const paths = [
    'Root',
    ...parts.map((_, i) => parts.slice(0, i + 1).join('/')),
  ];
  return paths.map(path => ({
    label: path,
    policies: [
      FULL_AWS_ACCESS,
      ...(DEFAULT_BASELINE[path] ?? []).flatMap(id => {
        const guardrail = findGuardrail(id);
        return guardrail?.kind === 'scp'
          ? [
              {
                name: `mlgov-${id}`,
                document: scpDocument(guardrail, DEFAULT_GUARDRAIL_PARAMETERS),
              },
            ]
          : [];
      }),
    ],
  }));
}
