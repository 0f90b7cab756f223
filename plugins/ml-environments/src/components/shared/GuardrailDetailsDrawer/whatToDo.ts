import {
  GuardrailStatus,
  OrganizationAccount,
  getAccountPattern,
  isAccountPatternId,
} from '@mlgov/plugin-ml-environments-common';

/**
 * Where an account sits (`''` for the root) and, when its pattern and stage
 * say, the OU it belongs in.
 */
export interface AccountPlacement {
  ouPath: string;
  expectedOuPath?: string;
}

/** Whether `path` is the OU `scope` or below it (`Root` holds everything). */
function within(path: string, scope: string): boolean {
  return scope === 'Root' || path === scope || path.startsWith(`${scope}/`);
}

/**
 * Where an account of the organization page sits, and the OU its pattern
 * and stage put it in (as the status backend judges it).
 */
export function placementOf(account: OrganizationAccount): AccountPlacement {
  const pattern = account.pattern;
  const expectedOuPath = isAccountPatternId(pattern)
    ? getAccountPattern(pattern).accounts.find(a => a.stage === account.stage)
        ?.ouPath
    : undefined;
  return { ouPath: account.ouPath, expectedOuPath };
}

/**
 * The OU an account must move into to get a guardrail it misses, when it
 * misses it only because it sits outside the OU that should carry it: its
 * pattern's OU if that is inside the guardrail's, else the guardrail's own
 * (a retired project's account belongs in Suspended, whatever its pattern).
 */
export function moveInto(
  guardrail: Pick<GuardrailStatus, 'state' | 'expectedAt'>,
  placement: AccountPlacement | undefined,
): string | undefined {
  if (!placement || guardrail.state !== 'missing') return undefined;
  if (within(placement.ouPath, guardrail.expectedAt)) return undefined;
  const expected = placement.expectedOuPath;
  return expected && within(expected, guardrail.expectedAt)
    ? expected
    : guardrail.expectedAt;
}

/**
 * What someone looking at a guardrail in this state can do about it; for an
 * account, `placement` says where it sits, so a guardrail it misses only
 * because it sits in the wrong OU says to move the account, not to attach
 * the guardrail.
 */
export function whatToDo(
  guardrail: GuardrailStatus,
  placement?: AccountPlacement,
): string | undefined {
  switch (guardrail.state) {
    case 'missing': {
      const destination = moveInto(guardrail, placement);
      if (destination) {
        const where = placement!.ouPath || 'the root';
        // The template moves an account into its pattern's OU, not elsewhere.
        const how =
          destination === placement!.expectedOuPath
            ? "AWS Organizations' Move account, or run the project's template again"
            : "AWS Organizations' Move account";
        return `Move the account, not the guardrail: it sits in ${where}, outside ${guardrail.expectedAt}, where ${guardrail.title} is expected. Move it to ${destination} (${how}) and it gets this guardrail with the rest of that OU's; attaching the guardrail to ${where} instead would put it on every account there.`;
      }
      return `Not in place on ${guardrail.expectedAt}: run the project's template again (it attaches what its pattern needs), or ask the platform team to put ${guardrail.title} on ${guardrail.expectedAt}.`;
    }
    case 'drifted':
      return guardrail.kind === 'scp'
        ? "Changed outside the suite: running the project's template again writes the library's version back; the platform team can see who changed it in CloudTrail."
        : 'Control Tower reports drift: the platform team repairs it in the Control Tower console (Controls, then the control, then Re-register or Reset), or re-runs the template.';
    case 'non-compliant':
      return guardrail.resources?.length
        ? `Fix the resources named here so they follow "${guardrail.title}"; AWS Config evaluates them again within minutes, and this view follows on its next refresh.`
        : `Fix the resources AWS Config names for this control in the account (AWS Config console, Rules, then ${guardrail.guardrailId}); this view follows on its next refresh.`;
    case 'excepted':
      return "Lifted on purpose by an approved exception until its end date; the project's ML environment tab lists it.";
    case 'unknown':
      return 'The suite could not read this guardrail (the reason says why): Refresh now on the organization page, or ask the platform team.';
    default:
      return undefined;
  }
}
