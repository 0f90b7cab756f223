import { problemAge } from './problemAge';

const drifted = {
  state: 'drifted' as const,
  since: '2026-11-01T08:00:00.000Z',
  expectedAt: 'Workloads/Workloads_Prod',
  carriedBy: { name: 'AWS-GR_X', at: 'Workloads/Workloads_Prod' },
};

describe('problemAge', () => {
  it('names the OU, the age and that it predates the project', () => {
    expect(problemAge(drifted, '2026-12-03T10:00:00.000Z')).toBe(
      "The OU's problem, not the project's: drifted on Workloads/Workloads_Prod since 2026-11-01 08:00 UTC, before this project was created.",
    );
  });

  it('leaves out "before" for a problem that came after the project', () => {
    expect(problemAge(drifted, '2026-10-01T00:00:00.000Z')).toMatch(
      /since 2026-11-01 08:00 UTC\.$/,
    );
  });

  it('says where a missing guardrail was expected', () => {
    expect(
      problemAge({
        state: 'missing',
        since: '2026-11-02T00:00:00.000Z',
        expectedAt: 'Workloads/Workloads_PreProd',
      }),
    ).toBe(
      "The OU's problem, not the project's: missing on Workloads/Workloads_PreProd since 2026-11-02 00:00 UTC.",
    );
  });

  it('says nothing without a recorded sighting', () => {
    expect(problemAge({ ...drifted, since: undefined })).toBeUndefined();
  });
});
