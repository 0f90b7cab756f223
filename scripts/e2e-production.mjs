// The production backend end to end: packages/e2e/src/production/main.ts.
import '../packages/e2e/src/production/main.ts';
