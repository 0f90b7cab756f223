// An adopter's install, end to end: packages/e2e/src/adopter/main.ts.
import '../packages/e2e/src/adopter/main.ts';
