import type { ProvisioningPlan } from '@mlgov/plugin-ml-environments-common';

/**
 * The critical-path floor of a provisioning run, for the benchmark: the
 * emulator's asynchronous delays (`delayMs` each) along the longest chain of
 * operations the task depends on, under AWS's documented concurrency. Any
 * correct provisioning of the plan waits at least this long; which
 * operations the run had to make is read from its calls (a rerun makes none).
 * - Organizations creates up to 5 accounts at once: the pattern's (at most
 *   4) in one delay;
 * - Control Tower runs one baseline operation at a time: registrations one
 *   after another, from the start; an account is moved in once created and
 *   its OU registered;
 * - enrolment: where the landing zone auto-enrols, one delay after the move
 *   (enrolments side by side); else one OU's reset after another, the
 *   products' OUs first;
 * - a product launches, in one delay, once its account is enrolled and the
 *   products whose outputs it takes have launched; one in the team shared
 *   services account (enrolled already) once the accounts it names exist;
 * - controls wait for the registrations, ten operations at a time.
 */
export function criticalPathFloorMs(
  plan: Pick<ProvisioningPlan, 'accounts' | 'products'>,
  calls: Record<string, number>,
  delayMs: number,
  autoEnrolment: boolean,
): number {
  const n = (op: string) => calls[op] ?? 0;
  const registrations = n('controltower:EnableBaseline');
  const created = n('organizations:CreateAccount') > 0 ? 1 : 0;
  const placed =
    n('organizations:MoveAccount') > 0 || created
      ? Math.max(created, registrations)
      : 0;
  // The OUs reset, in the order a correct run would reset them.
  const ouOf = (stage: string) =>
    plan.accounts.find(a => a.stage === stage)?.ouPath;
  const resetOrder = [
    ...new Set(
      [
        ...plan.products.map(p => ouOf(p.stage)),
        ...plan.accounts.map(a => a.ouPath),
      ].filter((path): path is string => path !== undefined),
    ),
  ].slice(0, n('controltower:ResetEnabledBaseline'));
  const enrolled = (stage: string) => {
    const reset = resetOrder.indexOf(ouOf(stage) ?? '');
    if (autoEnrolment) {
      const moved = n('organizations:MoveAccount') > 0 ? 1 : 0;
      return placed + moved + (reset >= 0 ? resetOrder.length : 0);
    }
    return reset >= 0 ? placed + reset + 1 : placed;
  };
  const launchesMade = n('servicecatalog:ProvisionProduct') > 0;
  const done = new Map<string, number>();
  const key = (p: { product: string; stage: string }) =>
    `${p.product}@${p.stage}`;
  const pending = [...plan.products];
  // The plan's products in dependency order (a plan has no cycles).
  while (launchesMade && pending.length > 0) {
    const index = pending.findIndex(p =>
      Object.values(p.inputs).every(
        i => i.from !== 'output' || done.has(key(i)),
      ),
    );
    const [product] = pending.splice(index, 1);
    const ready =
      product.stage === 'team-shared-services'
        ? created
        : enrolled(product.stage);
    const after = Object.values(product.inputs).map(i =>
      i.from === 'output' ? done.get(key(i))! : 0,
    );
    done.set(key(product), Math.max(ready, ...after) + 1);
  }
  const enrolments = plan.accounts.map(a => enrolled(a.stage));
  return (
    delayMs *
    Math.max(
      0,
      ...enrolments,
      ...done.values(),
      registrations + Math.ceil(n('controltower:EnableControl') / 10),
    )
  );
}
