import { findGuardrail } from '../guardrails/library';
import { Guardrail } from '../guardrails/types';

/** How long an exception may last unless the configuration says otherwise. @public */
export const DEFAULT_EXCEPTION_MAX_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an exception may lift the guardrail: SCPs only (controls apply to
 * whole OUs), and never the deny-all of retired accounts.
 *
 * @public
 */
export function isExceptable(guardrail: Guardrail): boolean {
  return guardrail.kind === 'scp' && guardrail.id !== 'deny-all';
}

/** @public */
export interface ExceptionRequestInput {
  guardrailId: string;
  reason: string;
  /** ISO 8601 date-time. */
  endsAt: string;
}

/**
 * What is wrong with an exception request, each problem with how to fix it;
 * empty when it may be asked for. `applicable` are the guardrails the
 * account must carry where it belongs.
 *
 * @public
 */
export function validateExceptionRequest(
  request: ExceptionRequestInput,
  options: { now: Date; maxDays: number; applicable: readonly string[] },
): string[] {
  const problems: string[] = [];
  const guardrail = findGuardrail(request.guardrailId);
  if (!guardrail) {
    problems.push(
      `${
        request.guardrailId
      } is not a guardrail of the library; use one of the account's: ${options.applicable.join(
        ', ',
      )}`,
    );
  } else if (guardrail.kind !== 'scp') {
    problems.push(
      `${guardrail.id} is a Control Tower control, enabled on a whole OU with no per-account exemption; only SCP guardrails can be excepted for one account`,
    );
  } else if (!isExceptable(guardrail)) {
    problems.push(
      `${guardrail.id} keeps a retired project's accounts inert and is never lifted; a project that is needed again starts anew under a new name`,
    );
  } else if (!options.applicable.includes(guardrail.id)) {
    problems.push(
      `${
        guardrail.id
      } does not apply to this account, so there is nothing to lift; its guardrails are ${options.applicable.join(
        ', ',
      )}`,
    );
  }
  const reason = request.reason.trim();
  if (reason.length < 10) {
    problems.push(
      'Give a reason of at least 10 characters: what needs the guardrail lifted, and why it cannot wait',
    );
  }
  const endsAt = Date.parse(request.endsAt);
  if (Number.isNaN(endsAt)) {
    problems.push(
      `endsAt ${request.endsAt} is not a date; give one such as 2026-12-31T00:00:00Z`,
    );
  } else if (endsAt <= options.now.getTime()) {
    problems.push(`endsAt ${request.endsAt} has passed; give a future date`);
  } else if (endsAt - options.now.getTime() > options.maxDays * DAY_MS) {
    problems.push(
      `An exception lasts at most ${options.maxDays} days; end it by ${new Date(
        options.now.getTime() + options.maxDays * DAY_MS,
      ).toISOString()}, and ask again if it is still needed then`,
    );
  }
  return problems;
}
