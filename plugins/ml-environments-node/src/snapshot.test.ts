import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  OrganizationSnapshot,
  evaluateAccountGuardrails,
  evaluateOuGuardrails,
} from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from './clients';
import { readOrganizationSnapshot } from './snapshot';

describe('readOrganizationSnapshot on the demo organization', () => {
  let emulator: RunningEmulator;
  let snapshot: OrganizationSnapshot;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: 0 },
    });
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    snapshot = await readOrganizationSnapshot(clients);
  });

  afterAll(() => emulator.close());

  it('reads the tree, tags, SCPs, controls, compliance and products', () => {
    expect(snapshot.organizationId).toBe('o-demoorg0001');
    expect(snapshot.ous.map(o => o.path)).toContain(
      'Workloads/Workloads_PreProd',
    );
    expect(snapshot.accounts).toHaveLength(emulator.state.accounts.size);
    expect(snapshot.accounts.find(a => a.id === '210000000013')).toMatchObject({
      parentId: 'r-demo',
      tags: expect.objectContaining({ 'ml-stage': 'prod' }),
    });
    expect(
      snapshot.policies.find(p => p.name === 'mlgov-require-vpc')?.targets,
    ).toHaveLength(2);
    expect(
      snapshot.controls.filter(c => c.driftStatus === 'DRIFTED'),
    ).toHaveLength(1);
    expect(snapshot.compliance).toContainEqual({
      accountId: '210000000011',
      controlId: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
      compliance: 'NON_COMPLIANT',
      nonCompliantResources: 1,
    });
    expect(
      snapshot.products.find(p => p.name === 'churn-prediction-studio')?.outputs
        .DomainId,
    ).toMatch(/^d-/);
  });

  it("reads Control Tower's landing zone and which OUs it registered", () => {
    expect(snapshot.landingZone).toMatchObject({
      version: '3.3',
      drifted: false,
    });
    expect(
      snapshot.ous.every(
        o => o.controlTower?.registered && !o.controlTower.unenrolledAccounts,
      ),
    ).toBe(true);
  });

  it('finds exactly the drift the demo seed contains', () => {
    const targets = [
      ...evaluateOuGuardrails(
        snapshot,
        DEFAULT_BASELINE,
        DEFAULT_GUARDRAIL_PARAMETERS,
      ),
      ...snapshot.accounts.map(
        a =>
          evaluateAccountGuardrails(
            snapshot,
            a.id,
            DEFAULT_BASELINE,
            DEFAULT_GUARDRAIL_PARAMETERS,
          )!,
      ),
    ];
    const findings = targets.flatMap(t =>
      t.guardrails
        .filter(g => g.state !== 'ok')
        .map(g => `${t.label}: ${g.guardrailId} ${g.state}`),
    );
    const outsideItsOu = [
      'require-kms',
      'require-cost-tags',
      'require-vpc',
      'require-encryption-in-transit',
      'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
      'AWS-GR_S3_VERSIONING_ENABLED',
      'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED',
    ].map(id => `fraud-detection-prod (210000000013): ${id} missing`);
    expect(findings.sort()).toEqual(
      [
        // 1. the VPC SCP missing from Workloads_PreProd, and so from its accounts
        'Workloads/Workloads_PreProd: require-vpc missing',
        'churn-prediction-preprod (200000000012): require-vpc missing',
        'fraud-detection-preprod (210000000012): require-vpc missing',
        // 2. the public bucket in fraud-detection-dev
        'Workloads/Workloads_Dev: AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED non-compliant',
        'fraud-detection-dev (210000000011): AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED non-compliant',
        // 3. the drifted versioning control on Workloads_Prod
        'Workloads/Workloads_Prod: AWS-GR_S3_VERSIONING_ENABLED drifted',
        'churn-prediction-prod (200000000013): AWS-GR_S3_VERSIONING_ENABLED drifted',
        // 4. fraud-detection-prod in the root misses all of Workloads_Prod's guardrails
        ...outsideItsOu,
      ].sort(),
    );
    const misplaced = targets.find(t => t.targetId === '210000000013')!;
    expect(
      misplaced.guardrails.find(g => g.guardrailId === 'require-vpc')?.reason,
    ).toBe(
      'mlgov-require-vpc is not attached to Workloads/Workloads_Prod or above it: the account sits in the root, not in Workloads/Workloads_Prod; move it there',
    );
  });
});

// Retries back off for real; a busy machine needs room.
jest.setTimeout(180_000);

describe('readOrganizationSnapshot when AWS fails', () => {
  let emulator: RunningEmulator;
  let clients: MlAwsClients;

  beforeEach(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: 0 },
    });
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url, { maxAttempts: 10 })),
    );
  });
  afterEach(() => emulator.close());

  const breakOperations = (operations: string[], errors: string[]) =>
    fetch(`${emulator.url}/_emulator/config`, {
      method: 'PUT',
      body: JSON.stringify({ faults: { rate: 1, errors, operations } }),
    });

  it('reads a whole snapshot through throttling and conflicts, retried by the SDK', async () => {
    const calm = await readOrganizationSnapshot(clients);
    await fetch(`${emulator.url}/_emulator/config`, {
      method: 'PUT',
      body: JSON.stringify({
        faults: {
          rate: 0.2,
          errors: [
            'TooManyRequestsException',
            'ConcurrentModificationException',
          ],
          operations: [],
          seed: 11,
        },
      }),
    });
    const faulty = await readOrganizationSnapshot(clients);
    expect(faulty.stale).toBeUndefined();
    expect({ ...faulty, takenAt: calm.takenAt }).toEqual(calm);
  });

  it('keeps the previous section, marked stale, when one still fails', async () => {
    const previous = await readOrganizationSnapshot(clients);
    await breakOperations(['controltower:*'], ['AccessDeniedException']);
    const next = await readOrganizationSnapshot(clients, previous);
    expect(next.controls).toEqual(previous.controls);
    expect(next.ous).toEqual(previous.ous);
    expect(next.stale).toEqual(
      ['registration', 'controls'].map(section => ({
        section,
        reason: expect.stringContaining('AccessDeniedException'),
        since: previous.takenAt,
      })),
    );
    // Still failing next time: the kept data is as old as before.
    const later = await readOrganizationSnapshot(clients, next);
    expect(later.stale?.[0].since).toBe(previous.takenAt);
  });

  it('fails without a previous snapshot to fall back on', async () => {
    await breakOperations(
      ['organizations:ListPolicies'],
      ['AccessDeniedException'],
    );
    await expect(readOrganizationSnapshot(clients)).rejects.toThrow(
      'Injected fault for organizations:ListPolicies.',
    );
  });
});
