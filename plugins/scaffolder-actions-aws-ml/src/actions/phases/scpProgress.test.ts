import { createScpChainCache } from '@mlgov/plugin-ml-environments-node';
import { scpChangesSettled } from './scpProgress';

/** A promise settled from outside, and whether it has been. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => (resolve = r));
  return { promise, resolve };
}

/** Whether the promise has settled once pending callbacks have run. */
async function isSettled(promise: Promise<unknown>) {
  let settled = false;
  promise.then(() => (settled = true));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return settled;
}

describe('scpChangesSettled', () => {
  const ous = new Set(['Workloads', 'Workloads/Workloads_Dev', 'Sandbox']);

  it('waits for the root and the OUs above, not for other OUs', async () => {
    const root = deferred<ReadonlyMap<string, string>>();
    const workloads = deferred<ReadonlyMap<string, string>>();
    const sandbox = deferred<ReadonlyMap<string, string>>();
    const devControls = deferred<unknown>();
    const chains = createScpChainCache();
    const settled = scpChangesSettled(
      'Workloads/Workloads_Dev',
      {
        registered: new Map([['Sandbox', new Promise<unknown>(() => {})]]),
        controls: new Map([['Workloads/Workloads_Dev', devControls.promise]]),
        guardrails: new Map([
          ['root', root.promise],
          ['Workloads', workloads.promise],
          ['Sandbox', sandbox.promise],
        ]),
      },
      ous,
      chains,
    );
    root.resolve(new Map([['p-root', '{"root":1}']]));
    workloads.resolve(new Map());
    expect(await isSettled(settled)).toBe(false); // the dev OU's controls
    devControls.resolve(undefined);
    // The Sandbox OU's guardrails and registration never settle here.
    expect(await isSettled(settled)).toBe(true);
    expect(await chains.documents.get('p-root')).toBe('{"root":1}');
  });

  it("waits for a target that is none of the run's OUs, and for the root of an account in the root", async () => {
    const account = deferred<ReadonlyMap<string, string>>();
    const settled = scpChangesSettled(
      '',
      {
        registered: new Map(),
        controls: new Map(),
        guardrails: new Map([
          ['account', account.promise],
          ['Workloads', new Promise(() => {})],
        ]),
      },
      ous,
      createScpChainCache(),
    );
    expect(await isSettled(settled)).toBe(false);
    account.resolve(new Map());
    expect(await isSettled(settled)).toBe(true);
  });
});
