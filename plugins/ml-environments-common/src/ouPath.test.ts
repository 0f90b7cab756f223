import { parseOuPath } from './ouPath';

describe('parseOuPath', () => {
  it('splits a path into OU names', () => {
    expect(parseOuPath('Workloads/Workloads_Dev')).toEqual({
      ok: true,
      names: ['Workloads', 'Workloads_Dev'],
    });
    expect(parseOuPath('Sandbox')).toEqual({ ok: true, names: ['Sandbox'] });
  });

  it('accepts five levels and refuses six', () => {
    expect(parseOuPath('a/b/c/d/e').ok).toBe(true);
    expect(parseOuPath('a/b/c/d/e/f')).toEqual({
      ok: false,
      message:
        "OU path 'a/b/c/d/e/f' is 6 levels deep; AWS Organizations allows at most 5 levels below the root",
    });
  });

  it.each([
    ['', /empty name/],
    ['/Workloads', /empty name/],
    ['Workloads//Dev', /empty name/],
    ['Workloads/ Dev', /white space/],
    ['../Workloads', /contains '\.\.'/],
    ['Workloads/./Dev', /contains '\.'/],
    ['Workloads/Dev\nProd', /control character/],
    ['Workloads/\tDev', /control character/],
    [`Workloads/${'x'.repeat(129)}`, /129 characters; AWS allows at most 128/],
  ])('refuses %j', (path, message) => {
    const result = parseOuPath(path);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
