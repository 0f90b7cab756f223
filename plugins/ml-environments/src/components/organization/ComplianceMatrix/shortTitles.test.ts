import { GUARDRAILS } from '@mlgov/plugin-ml-environments-common';
import { SHORT_TITLES, shortTitle } from './shortTitles';

describe('shortTitle', () => {
  it('heads every guardrail of the library with a few words', () => {
    for (const guardrail of GUARDRAILS) {
      const short = SHORT_TITLES[guardrail.id];
      expect(short).toBeDefined();
      expect(short.length).toBeLessThanOrEqual(17);
      expect(short.length).toBeLessThan(guardrail.title.length);
    }
  });

  it('falls back to the title for a guardrail it does not know', () => {
    expect(shortTitle('someone-elses', 'Some title')).toBe('Some title');
  });
});
