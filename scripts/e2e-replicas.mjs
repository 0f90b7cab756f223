// Two replicas of the production build with the crash drill:
// packages/e2e/src/replicas/main.ts.
import '../packages/e2e/src/replicas/main.ts';
