import { CreatePortfolioCommand } from '@aws-sdk/client-service-catalog';
import { ConfigReader } from '@backstage/config';
import {
  adminConfigFor,
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import { findOwnPortfolio } from './serviceCatalog';

describe('findOwnPortfolio', () => {
  it('finds a portfolio past the first page of ListPortfolios', async () => {
    const emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
    });
    try {
      const clients = MlAwsClients.fromConfig(
        new ConfigReader(suiteConfigFor(emulator.url)),
      );
      const { serviceCatalog } = await clients.forAccount('100000000010');
      // Portfolios are an administrator's to make, not the suite's.
      const admin = MlAwsClients.fromConfig(
        new ConfigReader(adminConfigFor(emulator.url)),
      );
      const owner = await admin.forAccount('100000000010');
      for (let i = 1; i <= 25; i++) {
        await owner.serviceCatalog.send(
          new CreatePortfolioCommand({
            DisplayName: i === 25 ? 'Late portfolio' : `Filler ${i}`,
            ProviderName: 'Platform',
          }),
        );
      }
      const id = await findOwnPortfolio(serviceCatalog, 'Late portfolio');
      expect(emulator.state.portfolios.get(id)?.displayName).toBe(
        'Late portfolio',
      );
      expect(emulator.callCounts()['servicecatalog:ListPortfolios']).toBe(2);
    } finally {
      await emulator.close();
    }
  });
});
