import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  type RunningEmulator,
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { suitePolicy } from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import {
  ensureLaunchConstraint,
  ensureLaunchRole,
  productsWithoutLaunchConstraint,
} from './launchRole';
import { findOwnPortfolio } from './serviceCatalog';
import { portfolioProductIds } from './serviceCatalogProducts';
import { ProvisioningStep } from './step';

const SHARED_SERVICES = '100000000010';
const ROLE = 'mlgov-sc-launch';
const ROLE_ARN = `arn:aws:iam::${SHARED_SERVICES}:role/${ROLE}`;

const warnings: string[] = [];
const step: ProvisioningStep = {
  logger: {
    info: () => {},
    warn: (message: string) => warnings.push(message),
    error: () => {},
    debug: () => {},
    child: () => step.logger,
  } as unknown as LoggerService,
  isDryRun: false,
  checkpoint: (_key, fn) => fn(),
  pollIntervalMs: 1,
  timeoutMs: 5_000,
};

let emulator: RunningEmulator;
let suite: MlAwsClients;
beforeEach(async () => {
  emulator = await startEmulator({
    seed: readSeedFile(
      resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
    ),
  });
  suite = MlAwsClients.fromConfig(
    new ConfigReader(suiteConfigFor(emulator.url)),
  );
});
afterEach(() => emulator.close());

describe('ensureLaunchRole', () => {
  it('makes the role with the launch policy as the suite, then changes nothing', async () => {
    // An account the suite has not governed yet holds no launch role.
    emulator.state.principalPolicies.delete(ROLE_ARN);
    const owner = await suite.forAccount(SHARED_SERVICES);
    const options = {
      roleName: ROLE,
      partition: 'aws',
      templatesAccount: SHARED_SERVICES,
    };
    await ensureLaunchRole(owner.iam, SHARED_SERVICES, options, step);
    expect(emulator.state.principalPolicies.get(ROLE_ARN)).toEqual([
      suitePolicy('launch', { templatesAccount: SHARED_SERVICES }),
    ]);
    const trust = emulator.state.iamRoles.get(ROLE_ARN)
      ?.assumeRolePolicyDocument as any;
    expect(trust.Statement[0].Principal).toEqual({
      Service: 'servicecatalog.amazonaws.com',
    });
    await ensureLaunchRole(owner.iam, SHARED_SERVICES, options, step);
    const calls = emulator.callCounts();
    expect(calls['iam:CreateRole']).toBe(1);
    expect(calls['iam:PutRolePolicy']).toBe(1);
  });

  it('brings an outdated policy up to date', async () => {
    const owner = await suite.forAccount(SHARED_SERVICES);
    // The seeded role's policy, read back through IAM, is the suite's own.
    await ensureLaunchRole(
      owner.iam,
      SHARED_SERVICES,
      {
        roleName: ROLE,
        partition: 'aws',
        templatesBucket: 'other-bucket',
        templatesAccount: SHARED_SERVICES,
      },
      step,
    );
    expect(emulator.callCounts()['iam:PutRolePolicy']).toBe(1);
    expect(
      JSON.stringify(emulator.state.principalPolicies.get(ROLE_ARN)),
    ).toContain('arn:aws:s3:::other-bucket/*');
    // It reads templates only from a bucket of the shared services account.
    const statements = [
      emulator.state.principalPolicies.get(ROLE_ARN)![0].Statement,
    ].flat();
    expect(
      statements.find(st => st.Sid === 'ReadTheTemplates')?.Condition,
    ).toEqual({ StringEquals: { 's3:ResourceAccount': SHARED_SERVICES } });
  });
});

describe('launch constraints', () => {
  it('finds a product without one, makes it once, and keeps one naming another role', async () => {
    const owner = await suite.forAccount(SHARED_SERVICES);
    const portfolioId = await findOwnPortfolio(
      owner.serviceCatalog,
      'ML Platform',
    );
    const ids = [
      ...(
        await portfolioProductIds(owner.serviceCatalog, portfolioId)
      ).values(),
    ];
    expect(ids.length).toBeGreaterThan(1);
    // The seed constrains every product; one loses its constraint.
    const [first, second] = ids;
    for (const [id, c] of emulator.state.constraints) {
      if (c.productId === first) emulator.state.constraints.delete(id);
      if (c.productId === second) c.localRoleName = 'platform-launch';
      if (c.productId === second)
        c.parameters = JSON.stringify({ LocalRoleName: 'platform-launch' });
    }
    expect(
      await productsWithoutLaunchConstraint(
        owner.serviceCatalog,
        portfolioId,
        ids,
      ),
    ).toEqual([first]);

    for (let run = 0; run < 2; run++) {
      for (const id of [first, second]) {
        await ensureLaunchConstraint(
          owner.serviceCatalog,
          portfolioId,
          { id, name: id },
          ROLE,
          step,
        );
      }
    }
    expect(emulator.callCounts()['servicecatalog:CreateConstraint']).toBe(1);
    expect(
      await productsWithoutLaunchConstraint(
        owner.serviceCatalog,
        portfolioId,
        ids,
      ),
    ).toEqual([]);
    expect(warnings.some(w => w.includes('platform-launch'))).toBe(true);
  });
});
