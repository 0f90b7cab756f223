// Serious or critical axe-core violations on the pages the walk through
// every template visits, Backstage's own known ones named apart.
import type { Page } from 'playwright-core';
import { AXE_SCRIPT, photograph, type Axe } from '../../browser/index.ts';
import type { Check } from '../../lib/report.ts';

/** A known violation: its rules, the element it is in, the page if need be. */
type KnownViolation = {
  whose: 'Backstage' | 'the suite';
  rules: string[];
  within: string;
  path?: RegExp;
  what: string;
};

/**
 * Serious or critical axe-core violations known on the pages this walk
 * visits, each by its rules, the element it is in and, where that element
 * is used elsewhere too, the page: Backstage's own components only (the
 * suite's own and the app's sidebar are fixed, issue 33; a suite entry,
 * `whose: 'the suite'`, is for one not fixed yet). They are named in every
 * check's detail, never hidden; any other violation fails.
 */
const KNOWN_VIOLATIONS: KnownViolation[] = [
  {
    whose: 'Backstage',
    rules: ['aria-valid-attr-value'],
    within: '.bui-Tab',
    what: "Backstage UI's header tabs name a tab panel that is not rendered (aria-controls)",
  },
  {
    whose: 'Backstage',
    rules: [
      'aria-required-children',
      'aria-required-parent',
      'color-contrast',
      'button-name',
    ],
    within: '[class*="BackstageLogViewer"]',
    what: "the scaffolder task page's log viewer (rows outside a table, an unnamed button, green on black)",
  },
  {
    whose: 'Backstage',
    rules: ['aria-progressbar-name'],
    within: '.MuiLinearProgress-root',
    path: /^\/create\/tasks\//,
    what: "the scaffolder task page's progress bar has no name",
  },
  {
    whose: 'Backstage',
    rules: ['aria-command-name', 'nested-interactive'],
    within: '[data-rbd-draggable-id]',
    path: /^\/notifications/,
    what: "the notifications page's rows are drag handles (react-beautiful-dnd) holding links and buttons",
  },
];

/**
 * The current page at each size (photograph: no sideways overflow) and its
 * serious or critical axe-core violations, the known ones (KNOWN_VIOLATIONS)
 * named apart.
 */
export async function inspect(
  page: Page,
  check: Check,
  screenshots: string,
  view: string,
): Promise<void> {
  await photograph(page, check, screenshots, view);
  await page.addScriptTag({ path: AXE_SCRIPT });
  const path = new URL(page.url()).pathname;
  const here = KNOWN_VIOLATIONS.filter(k => !k.path || k.path.test(path));
  const found = await page.evaluate(
    async known => {
      const { axe } = window as unknown as { axe: Axe };
      const result = await axe.run(document, {
        resultTypes: ['violations'],
        // The element itself: the log viewer redraws its rows meanwhile.
        elementRef: true,
      });
      return result.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .flatMap(v =>
          v.nodes.map(node => {
            const index = known.findIndex(
              k => k.rules.includes(v.id) && node.element?.closest(k.within),
            );
            return { id: v.id, target: node.target.join(' '), index };
          }),
        );
    },
    here.map(({ rules, within }) => ({ rules, within })),
  );
  const unknown = found.filter(v => v.index < 0);
  const known = (whose: KnownViolation['whose']) => [
    ...new Set(
      found
        .filter(v => v.index >= 0 && here[v.index].whose === whose)
        .map(v => `${v.id} (${here[v.index].what})`),
    ),
  ];
  const suite = known('the suite');
  const backstage = known('Backstage');
  check(
    `browser: ${view} has no serious or critical accessibility violation (axe-core) besides known ones`,
    unknown.length === 0,
    [
      ...unknown.map(v => `${v.id} at ${v.target}`),
      suite.length ? `known, the suite's to fix: ${suite.join('; ')}` : '',
      backstage.length ? `Backstage's own: ${backstage.join('; ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
}
