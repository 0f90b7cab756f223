import {
  AddLFTagsToResourceCommand,
  CreateLFTagCommand,
  GetResourceLFTagsCommand,
  LakeFormationClient,
  ListLFTagsCommand,
} from '@aws-sdk/client-lakeformation';
import { errorOf } from './__testUtils__/emulator.ts';
import { CHURN_DEV, DATA_LAKE, lakeEmulator } from './__testUtils__/lake.ts';

describe('Lake Formation LF-tags', () => {
  const { as } = lakeEmulator();
  let lakeFormation: LakeFormationClient;
  beforeEach(async () => {
    ({ lakeFormation } = await as(DATA_LAKE));
  });

  const tag = (TagKey: string, value: string) => ({
    CatalogId: DATA_LAKE,
    TagKey,
    TagValues: [value],
  });
  const orders = {
    CatalogId: DATA_LAKE,
    DatabaseName: 'sales',
    Name: 'orders',
  };

  it("reads the seed's classification of databases, tables and columns, inherited where not set", async () => {
    const { LFTags } = await lakeFormation.send(new ListLFTagsCommand({}));
    expect(LFTags).toEqual([
      {
        CatalogId: DATA_LAKE,
        TagKey: 'classification',
        TagValues: ['public', 'internal', 'confidential'],
      },
    ]);
    const onOrders = await lakeFormation.send(
      new GetResourceLFTagsCommand({ Resource: { Table: orders } }),
    );
    expect(onOrders.LFTagOnDatabase).toEqual([
      tag('classification', 'internal'),
    ]);
    expect(onOrders.LFTagsOnTable).toEqual([tag('classification', 'internal')]);
    const confidential = onOrders.LFTagsOnColumns?.filter(c =>
      c.LFTags?.some(t => t.TagValues?.[0] === 'confidential'),
    );
    expect(confidential?.map(c => c.Name)).toEqual([
      'customer_email',
      'shipping_address',
    ]);
    // Only what is assigned on the table itself.
    const assigned = await lakeFormation.send(
      new GetResourceLFTagsCommand({
        Resource: { Table: orders },
        ShowAssignedLFTags: true,
      }),
    );
    expect(assigned.LFTagsOnTable).toEqual([]);
  });

  it('creates and assigns tags only with known keys and values, as an administrator', async () => {
    await lakeFormation.send(
      new CreateLFTagCommand({
        TagKey: 'domain',
        TagValues: ['retail', 'finance'],
      }),
    );
    expect(
      (
        await errorOf(
          lakeFormation.send(
            new CreateLFTagCommand({ TagKey: 'domain', TagValues: ['x'] }),
          ),
        )
      ).name,
    ).toBe('AlreadyExistsException');
    await lakeFormation.send(
      new AddLFTagsToResourceCommand({
        Resource: {
          TableWithColumns: { ...orders, ColumnNames: ['total_amount'] },
        },
        LFTags: [tag('domain', 'finance')],
      }),
    );
    const columns = await lakeFormation.send(
      new GetResourceLFTagsCommand({
        Resource: {
          TableWithColumns: { ...orders, ColumnNames: ['total_amount'] },
        },
      }),
    );
    expect(columns.LFTagsOnColumns).toEqual([
      {
        Name: 'total_amount',
        LFTags: [tag('classification', 'internal'), tag('domain', 'finance')],
      },
    ]);
    const names = async (LFTags: any[], Resource: any = { Table: orders }) =>
      (
        await errorOf(
          lakeFormation.send(
            new AddLFTagsToResourceCommand({ Resource, LFTags }),
          ),
        )
      ).name;
    expect(await names([tag('owner', 'x')])).toBe('EntityNotFoundException');
    expect(await names([tag('domain', 'hr')])).toBe('InvalidInputException');
    expect(
      await names([tag('domain', 'retail')], {
        TableWithColumns: { ...orders, ColumnNames: ['nope'] },
      }),
    ).toBe('InvalidInputException');
  });

  it('refuses another account tag and filter changes on resources it does not own', async () => {
    const dev = (await as(CHURN_DEV)).lakeFormation;
    // Nothing shared: the data lake's tables are not the dev account's to see.
    expect(
      (
        await errorOf(
          dev.send(
            new GetResourceLFTagsCommand({ Resource: { Table: orders } }),
          ),
        )
      ).name,
    ).toBe('AccessDeniedException');
    expect(
      (
        await errorOf(
          dev.send(new CreateLFTagCommand({ TagKey: 'x', TagValues: ['y'] })),
        )
      ).name,
    ).toBe('AccessDeniedException');
  });
});
