import {
  COST_CENTER_PATTERN,
  DATASET_NAME_PATTERN,
  EMAIL_ADDRESS_PATTERN,
  GUARDRAILS,
  getAccountPattern,
  MIN_RETIREMENT_REASON_LENGTH,
  isExceptable,
  PROJECT_NAME_PATTERN,
} from '@mlgov/plugin-ml-environments-common';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';

const templatesDir = resolve(__dirname, '../../../templates');
const allTemplates = readdirSync(templatesDir)
  .filter(f => /^ml-.*\.yaml$/.test(f))
  .map(f => [f, yaml.parse(readFileSync(resolve(templatesDir, f), 'utf8'))]);
const templates = allTemplates.filter(([, t]) =>
  t.spec.steps.some((s: any) => s.action === 'aws:ml:provisionProject'),
);
/** The templates about one project (all but the platform team's own). */
const projectTemplates = allTemplates.filter(([, t]) =>
  t.spec.parameters.some((page: any) => page.properties?.project),
);

/** Every form field of a template, by name. */
function fieldsOf(template: any): Record<string, any> {
  return Object.assign(
    {},
    ...template.spec.parameters.map((page: any) => page.properties ?? {}),
  );
}

// The forms check what the actions check, with the same patterns, so a
// value the form accepts is never refused by provisioning.
describe.each(templates)('%s', (_, template) => {
  const fields = fieldsOf(template);

  it('checks the project name and cost center as provisioning does', () => {
    expect(fields.project.pattern).toBe(PROJECT_NAME_PATTERN);
    expect(fields.costCenter.pattern).toBe(COST_CENTER_PATTERN);
  });

  it("writes values with the scaffolder's ${{ }}, never a bare {{ }} that would print as is", () => {
    const text = JSON.stringify(template.spec.output);
    expect(text.match(/(?<!\$)\{\{[^}]*\}\}/g)).toBeNull();
    expect(text).toContain('${{ account.name }}');
  });

  it('says in its output which changes reach beyond the project', () => {
    expect(JSON.stringify(template.spec.output)).toContain(
      'steps.provision.output.layout.sharedChanges',
    );
  });

  it("provisions the pattern the form's picker chose", () => {
    const provision = template.spec.steps.find(
      (s: any) => s.action === 'aws:ml:provisionProject',
    );
    expect(provision.input.pattern).toBe('${{ parameters.pattern }}');
    expect(fields.pattern['ui:field']).toBe('MlPatternPicker');
  });

  it("checks every email with the suite's one email rule", () => {
    const emails = Object.values(fields).filter(
      (f: any) => f.format === 'email' || /email/i.test(f.title ?? ''),
    );
    for (const field of emails as any[]) {
      expect(field.format).toBeUndefined();
      expect(field.pattern).toBe(EMAIL_ADDRESS_PATTERN);
    }
  });

  it("takes the owner from a picker of the user's own groups", () => {
    expect(fields.owner['ui:field']).toBe('MlOwnerGroupPicker');
  });

  it("names its pattern in the review by the pattern's title", () => {
    const [pattern] = fields.pattern.enum;
    expect(fields.pattern.enumNames).toEqual([
      expect.stringContaining(`: ${getAccountPattern(pattern).title}`),
    ]);
  });
});

it.each(templates.filter(([, t]) => fieldsOf(t).datasets))(
  '%s checks data-lake datasets as provisioning does',
  (_, template) => {
    expect(fieldsOf(template).datasets.items.pattern).toBe(
      DATASET_NAME_PATTERN,
    );
  },
);

it.each(
  allTemplates.filter(([, t]) =>
    t.spec.steps.some(
      (s: any) => s.action === 'aws:lakeformation:grantDataAccess',
    ),
  ),
)(
  "%s picks the data lake's databases from its catalog rather than taking free text",
  (_, template) => {
    const step = template.spec.steps.find(
      (s: any) => s.action === 'aws:lakeformation:grantDataAccess',
    );
    const field = step.input.databases.match(/parameters\.(\w+)/)[1];
    expect(fieldsOf(template)[field].items['ui:field']).toBe('MlDatasetPicker');
  },
);

it('finds the three templates', () => {
  expect(templates.map(([f]) => f)).toHaveLength(3);
});

describe('ml-request-guardrail-exception', () => {
  const template = yaml.parse(
    readFileSync(
      resolve(templatesDir, 'ml-request-guardrail-exception.yaml'),
      'utf8',
    ),
  );
  const fields = fieldsOf(template);

  it("offers exactly the library's guardrails an exception may lift, by title", () => {
    const scps = GUARDRAILS.filter(isExceptable);
    expect(fields.guardrailId.enum).toEqual(scps.map(g => g.id));
    expect(fields.guardrailId.enumNames).toEqual(scps.map(g => g.title));
  });

  it('checks the project name as the backend does and passes every field to the action', () => {
    expect(fields.project.pattern).toBe(PROJECT_NAME_PATTERN);
    const [step] = template.spec.steps;
    expect(step.action).toBe('aws:ml:requestGuardrailException');
    expect(Object.keys(step.input).sort()).toEqual(Object.keys(fields).sort());
  });
});

describe('ml-offboard-project', () => {
  const template = yaml.parse(
    readFileSync(resolve(templatesDir, 'ml-offboard-project.yaml'), 'utf8'),
  );
  const fields = fieldsOf(template);

  it('checks the project name and reason as the backend does and passes every field to the action', () => {
    expect(fields.project.pattern).toBe(PROJECT_NAME_PATTERN);
    expect(fields.reason.minLength).toBe(MIN_RETIREMENT_REASON_LENGTH);
    const [step] = template.spec.steps;
    expect(step.action).toBe('aws:ml:offboardProject');
    expect(Object.keys(step.input).sort()).toEqual(Object.keys(fields).sort());
  });
});

it.each(allTemplates)(
  "%s writes values with the scaffolder's ${{ }}, never a bare {{ }}",
  (_, template) => {
    const text = JSON.stringify(template.spec.output ?? {});
    expect(text.match(/(?<!\$)\{\{[^}]*\}\}/g)).toBeNull();
  },
);

describe('ml-request-data-access', () => {
  const template = yaml.parse(
    readFileSync(resolve(templatesDir, 'ml-request-data-access.yaml'), 'utf8'),
  );
  const fields = fieldsOf(template);

  it('checks names as the backend does and passes every field to the action', () => {
    expect(fields.project.pattern).toBe(PROJECT_NAME_PATTERN);
    expect(fields.databases.items.pattern).toBe(DATASET_NAME_PATTERN);
    const [step] = template.spec.steps;
    expect(step.action).toBe('aws:lakeformation:grantDataAccess');
    expect(Object.keys(step.input).sort()).toEqual(Object.keys(fields).sort());
  });
});

it('the dev template asks for its datasets once the project is provisioned', () => {
  const dev = yaml.parse(
    readFileSync(resolve(templatesDir, 'ml-dev-project.yaml'), 'utf8'),
  );
  const ids = dev.spec.steps.map((s: any) => s.id);
  const data = dev.spec.steps.find(
    (s: any) => s.action === 'aws:lakeformation:grantDataAccess',
  );
  expect(ids.indexOf('data')).toBe(ids.indexOf('provision') + 1);
  expect(data.input.databases).toBe('${{ parameters.datasets }}');
});

/** Every field of a template that carries a JSON schema pattern, items too. */
function patternedFields(template: any) {
  const fields: Array<[string, any]> = [];
  for (const [name, field] of Object.entries<any>(fieldsOf(template))) {
    if (field.pattern) fields.push([name, field]);
    if (field.items?.pattern) fields.push([`${name}[]`, field.items]);
  }
  return fields;
}

/** The suite fields that apply one rule of their own. */
const FIELD_RULES: Record<string, string> = {
  MlProjectNamePicker: 'project-name',
  MlDatasetPicker: 'dataset',
};

const RULE_PATTERNS: Record<string, string> = {
  'project-name': PROJECT_NAME_PATTERN,
  'cost-center': COST_CENTER_PATTERN,
  'account-email': EMAIL_ADDRESS_PATTERN,
  dataset: DATASET_NAME_PATTERN,
};

it.each(projectTemplates)(
  '%s says what is wrong in words: every patterned field is one of the suite fields, hiding the regular expression',
  (_, template) => {
    const fields = patternedFields(template);
    expect(fields.length).toBeGreaterThan(0);
    for (const [, field] of fields) {
      expect(field['ui:hideError']).toBe(true);
      const rule = FIELD_RULES[field['ui:field']] ?? field['ui:options']?.rule;
      expect([...Object.keys(FIELD_RULES), 'MlTextField']).toContain(
        field['ui:field'],
      );
      expect(field.pattern).toBe(RULE_PATTERNS[rule]);
    }
  },
);

it.each(projectTemplates)(
  '%s names its project with the name field, which knows whether it must exist',
  (file, template) => {
    const { project } = fieldsOf(template);
    expect(project['ui:field']).toBe('MlProjectNamePicker');
    const creates = templates.some(([f]) => f === file);
    expect(Boolean(project['ui:options']?.existing)).toBe(!creates);
  },
);

it.each(templates)(
  '%s links no file:// repository and lists in the pattern order',
  (_, template) => {
    const links = JSON.stringify(template.spec.output.links);
    expect(links).not.toContain('publish-local');
    expect(links).toContain('/ml-environment');
    expect(template.metadata.title).toMatch(/^ML project, pattern [123] — /);
  },
);

it('has one template about no project: publishing the products, with nothing typed freely', () => {
  expect(
    allTemplates
      .filter(t => !projectTemplates.includes(t))
      .map(([f, t]) => [f, t.spec.steps.map((s: any) => s.action)]),
  ).toEqual([
    [
      'ml-platform-publish-products.yaml',
      ['aws:servicecatalog:publishProducts'],
    ],
  ]);
  const [, publish] = allTemplates.find(
    ([f]) => f === 'ml-platform-publish-products.yaml',
  )!;
  const { products } = fieldsOf(publish);
  expect(products.items.enum).toEqual([
    'ml-studio-domain',
    'ml-sandbox-studio',
    'ml-model-build',
    'ml-model-registry',
    'ml-deploy-pipeline',
    'ml-deployment-role',
  ]);
});

describe('templates/all.yaml', () => {
  it('is a catalog location listing every template, so an adopter registers one file', () => {
    const location = yaml.parse(
      readFileSync(resolve(templatesDir, 'all.yaml'), 'utf8'),
    );
    expect(location.kind).toBe('Location');
    const files = allTemplates.map(([f]) => `./${f}`).sort();
    expect([...location.spec.targets].sort()).toEqual(files);
  });
});
