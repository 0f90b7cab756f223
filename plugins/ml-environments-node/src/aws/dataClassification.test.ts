import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { redactionFor } from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import { readDatasetClassification } from './dataClassification';

const DATA_LAKE = '100000000011';

describe('readDatasetClassification', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let clients: MlAwsClients;

  beforeEach(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
    });
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
  });
  afterEach(() => emulator.close());

  it("reads the data lake's classification as the suite's data lake role, and what dev may not read", async () => {
    const lake = await clients.forAccount(DATA_LAKE);
    const sales = await readDatasetClassification(lake, DATA_LAKE, 'sales');
    expect(sales.tags).toEqual({ classification: 'internal' });
    expect(sales.tables.map(t => t.name)).toEqual([
      'order_lines',
      'orders',
      'returns',
    ]);
    expect(redactionFor(sales, 'dev').withheld).toEqual([
      { table: 'orders', columns: ['customer_email', 'shipping_address'] },
    ]);

    const customers = await readDatasetClassification(
      lake,
      DATA_LAKE,
      'customers',
    );
    expect(redactionFor(customers, 'dev').withheld).toEqual([
      {
        table: 'customers',
        columns: ['full_name', 'email', 'phone', 'birth_date'],
      },
    ]);
    // No tables known, no tags: nothing sensitive.
    const events = await readDatasetClassification(
      lake,
      DATA_LAKE,
      'web_events',
    );
    expect(redactionFor(events, 'dev').sensitive).toBe(false);
  });
});
