import {
  COST_CENTER_PATTERN,
  DATASET_NAME_PATTERN,
  FORM_TEXT_RULES,
  validateDatasetName,
  validateAccountEmail,
  validateAccountName,
  validateCostCenter,
  validateGroupRef,
  validateTags,
} from './validation';

describe('account names and emails', () => {
  it.each([
    ['churn-prediction-dev@example.com', true],
    ['aws+churn-dev@example.co.uk', true],
    ['no-at-sign.example.com', false],
    ['two@@example.com', false],
    ['.dot@example.com', false],
    ['semi;colon@example.com', false],
    ['a@b.c', false],
    ['user@-example.com', false],
    ['"quoted"@example.com', false],
    ['(paren)@example.com', false],
    ['josé@example.com', false],
    [`${'x'.repeat(60)}@example.com`, false],
  ])('%s is valid: %s', (email, valid) => {
    expect(validateAccountEmail(email) === undefined).toBe(valid);
  });

  it('limits account names to 50 printable ASCII characters', () => {
    expect(validateAccountName('churn-prediction-dev')).toBeUndefined();
    expect(validateAccountName('x'.repeat(51))).toMatch(
      /1 to 50 printable ASCII/,
    );
    expect(validateAccountName('tab\there')).toMatch(/1 to 50 printable ASCII/);
  });
});

describe('cost centers, owners and tags', () => {
  it.each([
    ['CC-1234', true],
    ['Data Science/EU', true],
    ['tab\there', false],
    ['line\nbreak', false],
    ['', false],
    ['x'.repeat(257), false],
  ])('cost center %j is valid: %s', (value, valid) => {
    expect(validateCostCenter(value) === undefined).toBe(valid);
    // The template forms carry the same pattern, so they agree with the action.
    expect(new RegExp(COST_CENTER_PATTERN).test(value)).toBe(valid);
  });

  it('takes only group refs as owners', () => {
    expect(validateGroupRef('group:default/team-churn')).toBeUndefined();
    expect(validateGroupRef('user:default/guest')).toMatch(/group entity ref/);
    expect(validateGroupRef('team-churn')).toMatch(/group entity ref/);
  });

  it("applies AWS's tag rules", () => {
    expect(validateTags({ 'ml-project': 'churn', owner: '' })).toEqual([]);
    expect(validateTags({ 'aws:cloudformation': 'x' })).toEqual([
      "tag key 'aws:cloudformation' uses the prefix aws:, reserved by AWS",
    ]);
    expect(validateTags({ ok: 'semi;colon' })[0]).toMatch(
      /tag 'ok' has a value/,
    );
    expect(validateTags({ ['k'.repeat(129)]: 'v' })[0]).toMatch(/1 to 128/);
  });
});

describe("the form's text rules", () => {
  it.each([
    [
      'project-name',
      'demand-forecast',
      'Demand Forecast',
      /e\.g\. demand-forecast/,
    ],
    ['cost-center', 'CC-1234', 'CC#1', /1 to 256 ASCII letters/],
    ['account-email', 'ml@example.com', 'ml@', /not one AWS accepts/],
    ['dataset', 'web_events', 'Web Events', /e\.g\. sales/],
  ] as const)(
    '%s accepts %s and says in words why %s is refused',
    (rule, good, bad, message) => {
      expect(FORM_TEXT_RULES[rule](good)).toBeUndefined();
      const problem = FORM_TEXT_RULES[rule](bad);
      expect(problem).toMatch(message);
      // A regular expression is what the form used to show.
      expect(problem).not.toMatch(/\^|\$'|\\d|must match pattern/);
    },
  );

  it('agrees with the patterns the templates carry', () => {
    expect(validateDatasetName('a'.repeat(255))).toBeUndefined();
    expect(validateDatasetName('a'.repeat(256))).toBeDefined();
    expect(new RegExp(DATASET_NAME_PATTERN).test('-sales')).toBe(false);
    expect(validateDatasetName('-sales')).toBeDefined();
  });
});
