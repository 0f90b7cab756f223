import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { resolve } from 'node:path';
import { DATASETS_CACHE_MS, DataLakeDatasets } from './DataLakeDatasets';

const DATA_LAKE = '100000000011';

describe('DataLakeDatasets', () => {
  let emulator: RunningEmulator;
  let clients: MlAwsClients;
  let now = 0;

  beforeEach(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(
          __dirname,
          '../../../../../../packages/aws-emulator/seeds/demo.yaml',
        ),
      ),
    });
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    now = 0;
  });
  afterEach(() => emulator.close());

  const glueCalls = () => emulator.callCounts()['glue:GetDatabases'] ?? 0;
  const names = async (datasets: DataLakeDatasets) =>
    (await datasets.list()).map(d => d.name);

  it('reads Glue once a minute at most, then again', async () => {
    const datasets = new DataLakeDatasets({
      clients,
      accountId: DATA_LAKE,
      now: () => now,
    });
    const [first, second] = await Promise.all([
      datasets.list(),
      datasets.list(),
    ]);
    expect(first).toBe(second);
    expect(first.find(d => d.name === 'stores')).toEqual({
      name: 'stores',
      description: 'The stores and the regions they belong to',
    });
    expect(glueCalls()).toBe(1);

    emulator.state.lakeDatabases.set(`${DATA_LAKE}/prices`, {
      catalogId: DATA_LAKE,
      name: 'prices',
      tables: [],
    });
    now = DATASETS_CACHE_MS - 1;
    expect(await names(datasets)).not.toContain('prices');
    expect(glueCalls()).toBe(1);

    now = DATASETS_CACHE_MS;
    expect(await names(datasets)).toContain('prices');
    expect(glueCalls()).toBe(2);
  });

  it('keeps no failed read: the next request asks Glue again', async () => {
    // An account the data lake shared nothing with may not read its catalog.
    const datasets = new DataLakeDatasets({
      clients: {
        forAccount: async () => clients.forAccount('200000000011'),
      },
      accountId: DATA_LAKE,
      now: () => now,
    });
    await expect(datasets.list()).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(datasets.list()).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(glueCalls()).toBe(2);
  });

  it('says which setting is missing when no data lake is configured', async () => {
    const datasets = new DataLakeDatasets({ clients });
    await expect(datasets.list()).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('mlEnvironments.dataLake.accountId'),
    });
  });
});
