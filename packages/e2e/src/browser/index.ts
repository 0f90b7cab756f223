// The browser checks: Debian's chromium driven by playwright-core on the
// running dev app, photographs at 1440×900 and 1024×768 in
// .ci-out/screenshots/, axe-core on each view.
export {
  withBrowser,
  type Attempt,
  type BrowserOptions,
  type BrowserSession,
} from './session.ts';
export {
  AXE_SCRIPT,
  inspectView,
  photograph,
  whyByKeyboard,
  type Axe,
} from './inspect.ts';
export { checkDemoOrganization } from './demo.ts';
export { checkBrownfieldOrganization } from './brownfield.ts';
export { checkGeneratedProject } from './generated.ts';
