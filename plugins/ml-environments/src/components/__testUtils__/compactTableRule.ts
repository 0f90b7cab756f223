/**
 * The CSS text of the rule that styles `element`'s cells through one of its
 * classes (jsdom computes no cascade by specificity, so a theme's cell
 * padding would hide whether the rule applies).
 */
export function cellRuleOf(element: HTMLElement): string | undefined {
  const rules = [...document.styleSheets].flatMap(sheet =>
    [...sheet.cssRules].map(rule => rule.cssText),
  );
  return [...element.classList]
    .map(name =>
      rules.find(rule => rule.startsWith(`.${name} th, .${name} td`)),
    )
    .find(Boolean);
}
