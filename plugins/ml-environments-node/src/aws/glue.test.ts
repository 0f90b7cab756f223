import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import { listDataLakeDatabases } from './glue';

const DATA_LAKE = '100000000011';

describe('listDataLakeDatabases', () => {
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

  it("reads the data lake's databases with their descriptions, as the data lake account", async () => {
    const { glue } = await clients.forAccount(DATA_LAKE);
    expect(await listDataLakeDatabases(glue, DATA_LAKE)).toEqual([
      {
        name: 'customers',
        description: 'Customer accounts and their churn labels',
      },
      {
        name: 'sales',
        description:
          'Orders, order lines and returns from the web shop and the stores',
      },
      {
        name: 'stores',
        description: 'The stores and the regions they belong to',
      },
      { name: 'web_events', description: 'Web shop sessions and clicks' },
    ]);
  });

  it('follows the pages past the 100 that one answer holds', async () => {
    for (let i = 0; i < 150; i++) {
      const name = `extra_${String(i).padStart(3, '0')}`;
      emulator.state.lakeDatabases.set(`${DATA_LAKE}/${name}`, {
        catalogId: DATA_LAKE,
        name,
        tables: [],
      });
    }
    const { glue } = await clients.forAccount(DATA_LAKE);
    const databases = await listDataLakeDatabases(glue, DATA_LAKE);
    expect(databases).toHaveLength(154);
    expect(databases.find(d => d.name === 'extra_149')).toEqual({
      name: 'extra_149',
    });
    expect(emulator.callCounts()['glue:GetDatabases']).toBe(2);
  });

  it('is refused from an account the data lake shared nothing with, as AWS refuses it', async () => {
    const { glue } = await clients.forAccount('200000000011');
    await expect(listDataLakeDatabases(glue, DATA_LAKE)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});
