import { ScpChainCache } from '@mlgov/plugin-ml-environments-node';

/** Where the run's changes to SCPs stand, per target key or OU path. */
export interface ScpProgress {
  /** Per OU path: registered (Control Tower attaches its SCPs then). */
  registered: Map<string, Promise<unknown>>;
  /** Per OU path: its controls enabled (preventive ones are SCPs). */
  controls: Map<string, Promise<unknown>>;
  /** Per target key (`root`, an OU path): its SCPs, documents by id. */
  guardrails: Map<string, Promise<ReadonlyMap<string, string>>>;
}

/**
 * Settles when the run's changes to the SCPs in force for an account in
 * the OU at `path` are done: those on the root and on the OUs above it
 * (and on any target that is not one of the run's OUs, to be safe).
 * Changes elsewhere in the organization do not reach the account, so its
 * launches need not wait for them. The documents of the run's SCPs there
 * go into the run's SCP reads (`chains`), which need not read them again.
 */
export async function scpChangesSettled(
  path: string,
  progress: ScpProgress,
  /** The run's OU paths. */
  ous: ReadonlySet<string>,
  chains: ScpChainCache,
): Promise<void> {
  const above = new Set(
    path.split('/').map((_, i, names) => names.slice(0, i + 1).join('/')),
  );
  const on = <T>(byKey: Map<string, Promise<T>>) =>
    [...byKey]
      .filter(([key]) => above.has(key) || !ous.has(key))
      .map(([, p]) => p);
  await Promise.all([...on(progress.registered), ...on(progress.controls)]);
  for (const documents of await Promise.all(on(progress.guardrails))) {
    for (const [id, content] of documents)
      chains.documents.set(id, Promise.resolve(content));
  }
}
