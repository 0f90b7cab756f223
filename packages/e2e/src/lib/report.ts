// The end-to-end checks' one way to report: a line per check (`ok` or
// `FAIL`, with what was seen), then `N passed, N failed`, the line `.ci/run`
// counts.

/** Records one check: its name, whether it held, and what was seen. */
export type Check = (name: string, ok: unknown, detail?: string) => boolean;

export type Report = {
  check: Check;
  /** Every result so far, in order. */
  readonly results: boolean[];
  /** Prints the summary line and returns the process's exit code. */
  summary(): number;
};

export function createReport(): Report {
  const results: boolean[] = [];
  const check: Check = (name, ok, detail = '') => {
    const held = Boolean(ok);
    results.push(held);
    console.log(
      `${held ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`,
    );
    return held;
  };
  return {
    check,
    results,
    summary() {
      const passed = results.filter(Boolean).length;
      console.log(`${passed} passed, ${results.length - passed} failed`);
      return results.length > 0 && results.every(Boolean) ? 0 : 1;
    },
  };
}
