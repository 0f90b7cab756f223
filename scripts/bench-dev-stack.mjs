// The dev stack's benchmark (`npm run bench`, after the packages' own): a
// sandbox and an MLOps project through their templates,
// packages/e2e/src/bench/devStack.ts.
import '../packages/e2e/src/bench/devStack.ts';
