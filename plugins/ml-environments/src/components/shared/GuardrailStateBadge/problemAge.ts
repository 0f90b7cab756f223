import { GuardrailStatus } from '@mlgov/plugin-ml-environments-common';

/** "2026-11-01 08:00 UTC": dates read the same for every viewer. */
function utc(iso: string) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Says whose problem a guardrail's is and since when: a guardrail missing
 * or drifted on an OU is the OU's, and may predate the project (`createdAt`)
 * that now inherits it. Nothing for a problem with no recorded sighting.
 */
export function problemAge(
  guardrail: Pick<
    GuardrailStatus,
    'state' | 'since' | 'expectedAt' | 'carriedBy'
  >,
  createdAt?: string,
): string | undefined {
  if (!guardrail.since) return undefined;
  const where = guardrail.carriedBy?.at ?? guardrail.expectedAt;
  const what = guardrail.state === 'drifted' ? 'drifted' : 'missing';
  const before =
    createdAt && guardrail.since < createdAt
      ? ', before this project was created'
      : '';
  return `The OU's problem, not the project's: ${what} on ${where} since ${utc(
    guardrail.since,
  )}${before}.`;
}
