// The dev stack's smoke test (`npm run dev`, the browser views, every
// template, the journeys): packages/e2e/src/smoke/main.ts.
import '../packages/e2e/src/smoke/main.ts';
