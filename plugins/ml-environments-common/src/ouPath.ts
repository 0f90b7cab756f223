/** AWS Organizations allows five levels of OUs below the root. */
export const MAX_OU_DEPTH = 5;

const MAX_OU_NAME_LENGTH = 128;

/** @public */
export type OuPathParseResult =
  | { ok: true; names: string[] }
  | { ok: false; message: string };

/**
 * Splits an OU path such as `Workloads/Workloads_Dev` (relative to the root)
 * into OU names, checking AWS's limits on names and depth.
 *
 * @public
 */
export function parseOuPath(path: string): OuPathParseResult {
  const names = path.split('/');
  const example = 'use names separated by /, such as Workloads/Workloads_Dev';
  if (names.some(name => name.length === 0)) {
    return {
      ok: false,
      message: `OU path '${path}' has an empty name; ${example}`,
    };
  }
  // AWS accepts any characters in an OU name, but a name like `..` or one
  // with a line break reads as something else in a path, a log or a form.
  const dotted = names.find(name => name === '.' || name === '..');
  if (dotted !== undefined) {
    return {
      ok: false,
      message: `OU path '${path}' contains '${dotted}'; paths are absolute from the root, ${example}`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    return {
      ok: false,
      message: `OU path ${JSON.stringify(
        path,
      )} contains a control character (tab, line break…); remove it`,
    };
  }
  const untrimmed = names.find(name => name.trim() !== name);
  if (untrimmed !== undefined) {
    return {
      ok: false,
      message: `OU name '${untrimmed}' in '${path}' starts or ends with white space; remove it`,
    };
  }
  const tooLong = names.find(name => name.length > MAX_OU_NAME_LENGTH);
  if (tooLong !== undefined) {
    return {
      ok: false,
      message: `OU name '${tooLong.slice(0, 20)}…' in '${path}' is ${
        tooLong.length
      } characters; AWS allows at most ${MAX_OU_NAME_LENGTH}`,
    };
  }
  if (names.length > MAX_OU_DEPTH) {
    return {
      ok: false,
      message: `OU path '${path}' is ${names.length} levels deep; AWS Organizations allows at most ${MAX_OU_DEPTH} levels below the root`,
    };
  }
  return { ok: true, names };
}
