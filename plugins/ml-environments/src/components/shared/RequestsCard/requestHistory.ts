/** What every request (a guardrail exception, a data grant) has. */
export interface ProjectRequest {
  id: string;
  accountId: string;
  state: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
}

/** The date of an ISO timestamp, '' for none. */
export const day = (iso?: string) => iso?.slice(0, 10) ?? '';

/**
 * Who asked and when, then who decided (or, as `verb` says, revoked) and
 * when, with the decider's note: "asked by user:default/guest on
 * 2026-12-02; decided by user:default/ada on 2026-12-03 (ok)".
 */
export function askedAndDecided(request: ProjectRequest, verb = 'decided') {
  const { requestedBy, requestedAt, decidedBy, decidedAt, decisionNote } =
    request;
  let text = `asked by ${requestedBy} on ${day(requestedAt)}`;
  if (decidedBy) text += `; ${verb} by ${decidedBy} on ${day(decidedAt)}`;
  if (decisionNote) text += ` (${decisionNote})`;
  return text;
}
