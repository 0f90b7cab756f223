// The suite packed and installed from its tarballs, the adopter's test's
// quick form: packages/e2e/src/adopter/packMain.ts.
import '../packages/e2e/src/adopter/packMain.ts';
