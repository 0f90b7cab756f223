import { GuardrailStatus } from '@mlgov/plugin-ml-environments-common';

/** What someone looking at a guardrail in this state can do about it. */
export function whatToDo(guardrail: GuardrailStatus): string | undefined {
  switch (guardrail.state) {
    case 'missing':
      return `Not in place on ${guardrail.expectedAt}: run the project's template again (it attaches what its pattern needs), or ask the platform team to put ${guardrail.title} on ${guardrail.expectedAt}.`;
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
