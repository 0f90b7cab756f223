import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { acknowledge } from './products/common.ts';
import { PRODUCTS } from './catalog.ts';
import { synthesizeProduct, templateFiles } from './synth.ts';
import { synthesized } from './__testUtils__/templates.ts';

const ALLOWED_TYPES = new Set([
  'AWS::SageMaker::Domain',
  'AWS::SageMaker::UserProfile',
  'AWS::SageMaker::ModelPackageGroup',
  'AWS::SageMaker::Pipeline',
  'AWS::CodePipeline::Pipeline',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
]);
const ALLOWED_INTRINSICS = new Set([
  'Ref',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::If',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
]);

function intrinsicsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach(v => intrinsicsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' || key.startsWith('Fn::')) found.add(key);
      intrinsicsIn(inner, found);
    }
  }
  return found;
}

describe('the products at synth', () => {
  it('has the six products of the contract, each with a semantic version', () => {
    expect(PRODUCTS.map(p => p.id)).toEqual([
      'ml-studio-domain',
      'ml-sandbox-studio',
      'ml-model-build',
      'ml-model-registry',
      'ml-deploy-pipeline',
      'ml-deployment-role',
    ]);
    for (const p of PRODUCTS) expect(p.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('leaves no cdk-nag AwsSolutions finding (each acknowledgment names its reason)', () => {
    for (const { product, nag } of synthesized()) {
      expect({ id: product.id, nag }).toEqual({ id: product.id, nag: [] });
    }
  });

  it('refuses an acknowledgment without a real reason', () => {
    expect(() => acknowledge(new Stack(), 'AwsSolutions-IAM5', 'ok')).toThrow(
      /needs a real reason/,
    );
  });

  it('gives self-contained templates: no assets, bootstrap rule or CDK metadata', () => {
    for (const { product, template } of synthesized()) {
      const text = JSON.stringify(template);
      expect(Object.keys(template).sort()).toEqual(
        expect.arrayContaining([
          'Description',
          'Parameters',
          'Resources',
          'Outputs',
        ]),
      );
      expect(template.Rules).toBeUndefined();
      expect(template.Parameters.BootstrapVersion).toBeUndefined();
      expect(text).not.toMatch(
        /CDKMetadata|AssetParameters|cdk-bootstrap|aws:cdk:/,
      );
      expect(product.outputs).toEqual(Object.keys(template.Outputs));
    }
  });

  it('uses only the resource types and intrinsics the emulator supports', () => {
    for (const { template } of synthesized()) {
      for (const r of Object.values<any>(template.Resources)) {
        expect(ALLOWED_TYPES).toContain(r.Type);
      }
      for (const i of intrinsicsIn(template))
        expect(ALLOWED_INTRINSICS).toContain(i);
    }
  });

  it('declares every parameter the product definition lists, and only those', () => {
    for (const { product, template } of synthesized()) {
      expect(Object.keys(template.Parameters)).toEqual(
        product.parameters.map(p => p.name),
      );
    }
  });

  it('passes cfn-lint with no error', () => {
    // CFN_LINT names it; else PATH, else pyenv's shim (where pip puts it here).
    const cfnLint = [
      process.env.CFN_LINT,
      'cfn-lint',
      join(homedir(), '.pyenv', 'shims', 'cfn-lint'),
    ].find(
      c => c && spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0,
    );
    if (!cfnLint) {
      throw new Error(
        'cfn-lint was not found (CFN_LINT, PATH, ~/.pyenv/shims): install it (pip install cfn-lint) to check the synthesized templates',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'ml-products-lint-'));
    try {
      const files = synthesized().map(({ product, template }) => {
        const file = join(dir, `${product.id}.template.json`);
        writeFileSync(file, JSON.stringify(template, null, 2));
        return file;
      });
      const run = spawnSync(cfnLint, ['--format', 'json', '--', ...files], {
        encoding: 'utf8',
      });
      // Exit code bits: 2 errors, 4 warnings, 8 informational; 1 is a crash.
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: expect.any(Number),
        stderr: expect.anything(),
      });
      expect(run.status! & 1).toBe(0);
      expect(run.stdout.trim()).toMatch(/^\[/);
      const findings: Array<{
        Level: string;
        Rule: { Id: string };
        Message: string;
        Filename: string;
      }> = JSON.parse(run.stdout);
      const errors = findings
        .filter(f => f.Level === 'Error')
        .map(f => `${f.Filename}: ${f.Rule.Id} ${f.Message}`);
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches the committed templates/ (run `npm run synth` after a change)', () => {
    const dir = resolve(__dirname, '..', 'templates');
    const expected = templateFiles(synthesized());
    const committed = Object.fromEntries(
      readdirSync(dir).map(f => [f, readFileSync(join(dir, f), 'utf8')]),
    );
    expect(Object.keys(committed).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) {
      expect({ name, text: committed[name] }).toEqual({ name, text });
    }
  });

  it('synthesizes the same text again (deterministic, so the hash tells a change)', () => {
    const first = synthesized().find(
      s => s.product.id === 'ml-deploy-pipeline',
    )!;
    const again = synthesizeProduct(first.product);
    expect(again.sha256).toBe(first.sha256);
  });
});
