import { ScpDecision } from '../evaluation/evaluate';
import { GuardrailState, GuardrailStatus } from './guardrailStatus';

/** An account as GET /projects/{project} describes it. @public */
export interface ProjectLayoutAccount {
  id: string;
  name: string;
  stage?: string;
  ouPath: string;
  /** Where the account's tags say it belongs, when that differs it is misplaced. */
  expectedOuPath?: string;
  state: GuardrailState;
  guardrails: GuardrailStatus[];
  effectivePermissions: Array<ScpDecision & { check: string; label: string }>;
}

/** The answer of GET /projects/{project}. @public */
export interface ProjectLayout {
  project: string;
  takenAt: string;
  pattern?: string;
  accounts: ProjectLayoutAccount[];
  products: Array<{ accountId: string; name: string; status: string }>;
}
