import {
  SnapshotPatch,
  changesFromAwsEvent,
  emptySnapshotPatch,
  snapshotChangeKey,
} from './changes';
import { applySnapshotPatch } from './applySnapshotPatch';
import { OrganizationSnapshot } from './snapshot';

const apiCall = (source: string, eventName: string, detail: object = {}) => ({
  version: '0',
  'detail-type': 'AWS API Call via CloudTrail',
  source,
  account: '111111111111',
  detail: { eventName, ...detail },
});

describe('changesFromAwsEvent', () => {
  it.each([
    [
      apiCall('aws.organizations', 'TagResource', {
        requestParameters: { resourceId: '200000000011' },
      }),
      [{ kind: 'account', accountId: '200000000011' }],
    ],
    [
      // OU and policy tags are not in the snapshot.
      apiCall('aws.organizations', 'TagResource', {
        requestParameters: { resourceId: 'ou-abcd-12345678' },
      }),
      [],
    ],
    [
      apiCall('aws.organizations', 'MoveAccount', {
        requestParameters: { accountId: '200000000011' },
      }),
      [{ kind: 'account', accountId: '200000000011' }],
    ],
    [
      apiCall('aws.organizations', 'AttachPolicy', {
        requestParameters: { policyId: 'p-abc', targetId: 'ou-x' },
      }),
      [{ kind: 'policy', policyId: 'p-abc' }],
    ],
    [
      apiCall('aws.organizations', 'CreatePolicy', {
        responseElements: { policy: { policySummary: { id: 'p-new' } } },
      }),
      [{ kind: 'policy', policyId: 'p-new' }],
    ],
    [
      apiCall('aws.organizations', 'CreateOrganizationalUnit'),
      [{ kind: 'tree' }],
    ],
    [
      {
        source: 'aws.organizations',
        'detail-type': 'AWS Service Event via CloudTrail',
        detail: {
          eventName: 'CreateAccountResult',
          serviceEventDetails: {
            createAccountStatus: {
              state: 'SUCCEEDED',
              accountId: '200000000099',
            },
          },
        },
      },
      [{ kind: 'account', accountId: '200000000099' }],
    ],
    [
      apiCall('aws.controltower', 'EnableControl', {
        requestParameters: {
          controlIdentifier: 'arn:aws:controltower:us-east-1::control/X',
          targetIdentifier: 'arn:aws:organizations::1:ou/o-1/ou-abcd-1',
        },
        responseElements: { operationIdentifier: 'op-1' },
      }),
      [
        {
          kind: 'controls',
          ouArn: 'arn:aws:organizations::1:ou/o-1/ou-abcd-1',
          operationId: 'op-1',
        },
      ],
    ],
    [
      apiCall('aws.controltower', 'EnableBaseline', {
        responseElements: { operationIdentifier: 'op-2' },
      }),
      [{ kind: 'registration', operationId: 'op-2' }],
    ],
    [
      {
        ...apiCall('aws.servicecatalog', 'ProvisionProduct', {
          recipientAccountId: '200000000011',
          responseElements: { recordDetail: { recordId: 'rec-1' } },
        }),
      },
      [{ kind: 'products', accountId: '200000000011', recordId: 'rec-1' }],
    ],
    [
      {
        source: 'aws.config',
        'detail-type': 'Config Rules Compliance Change',
        detail: { awsAccountId: '200000000011', configRuleName: 'x' },
      },
      [{ kind: 'compliance', accountId: '200000000011' }],
    ],
    // A call that failed changed nothing.
    [
      apiCall('aws.organizations', 'MoveAccount', {
        errorCode: 'AccessDenied',
        requestParameters: { accountId: '200000000011' },
      }),
      [],
    ],
    [apiCall('aws.s3', 'PutBucketPolicy'), []],
    ['not an event', []],
    [null, []],
  ])('%#: reads again only what the event changed', (event, changes) => {
    expect(changesFromAwsEvent(event)).toEqual(changes);
  });

  it('gives one key per part, so a burst of events reads it once', () => {
    const keys = [
      { kind: 'account', accountId: '1' },
      { kind: 'account', accountId: '1' },
      { kind: 'account', accountId: '2' },
      { kind: 'tree' },
    ].map(c => snapshotChangeKey(c as any));
    expect(new Set(keys).size).toBe(3);
  });
});

describe('applySnapshotPatch', () => {
  const snapshot: OrganizationSnapshot = {
    takenAt: '2026-12-01T00:00:00.000Z',
    organizationId: 'o-1',
    rootId: 'r-1',
    ous: [
      {
        id: 'ou-1',
        arn: 'arn:ou-1',
        name: 'Dev',
        parentId: 'r-1',
        path: 'Dev',
        controlTower: { registered: true, unenrolledAccounts: false },
      },
    ],
    accounts: [
      { id: '1', name: 'a', email: 'a@x', parentId: 'ou-1', tags: { k: 'v' } },
      { id: '2', name: 'b', email: 'b@x', parentId: 'ou-1', tags: {} },
    ],
    policies: [
      { id: 'p-1', name: 'one', awsManaged: false, content: '{}', targets: [] },
    ],
    controls: [
      {
        controlId: 'C1',
        ouId: 'ou-1',
        status: 'SUCCEEDED',
        driftStatus: 'IN_SYNC',
      },
    ],
    compliance: [
      {
        accountId: '1',
        controlId: 'C1',
        compliance: 'COMPLIANT',
        nonCompliantResources: 0,
      },
    ],
    products: [
      { accountId: '2', name: 'studio', status: 'AVAILABLE', outputs: {} },
    ],
  };
  const patch = (changes: Partial<SnapshotPatch>): SnapshotPatch => ({
    ...emptySnapshotPatch('2026-12-01T01:00:00.000Z'),
    ...changes,
  });

  it('replaces, adds and removes what was read, keeping the rest', () => {
    const patched = applySnapshotPatch(
      snapshot,
      patch({
        accounts: [
          {
            id: '1',
            account: {
              id: '1',
              name: 'a',
              email: 'a@x',
              parentId: 'ou-1',
              tags: { k: 'w' },
            },
          },
          { id: '2' },
          {
            id: '3',
            account: {
              id: '3',
              name: 'c',
              email: 'c@x',
              parentId: 'ou-1',
              tags: {},
            },
          },
        ],
        policies: [{ id: 'p-1' }],
        controls: [{ ouId: 'ou-1', controls: [] }],
      }),
    );
    expect(patched.accounts.map(a => [a.id, a.tags])).toEqual([
      ['1', { k: 'w' }],
      ['3', {}],
    ]);
    expect(patched.policies).toEqual([]);
    expect(patched.controls).toEqual([]);
    // The removed account's products go with it; the other account's compliance stays.
    expect(patched.products).toEqual([]);
    expect(patched.compliance).toEqual(snapshot.compliance);
    expect(patched.takenAt).toBe('2026-12-01T01:00:00.000Z');
    expect(patched.reconciledAt).toBe(snapshot.takenAt);
    expect(snapshot.accounts).toHaveLength(2);
  });

  it("keeps one read of an account's products when a batch read them twice", () => {
    // Two records of one account finished in one batch: two reads, the
    // later standing (CI found the dev account's products listed twice).
    const studio = {
      accountId: '2',
      name: 'studio',
      status: 'AVAILABLE',
      outputs: {},
    };
    const build = { ...studio, name: 'model-build' };
    const patched = applySnapshotPatch(
      snapshot,
      patch({
        products: [
          { accountId: '2', products: [studio] },
          { accountId: '2', products: [studio, build] },
        ],
        compliance: [
          { accountId: '1', compliance: [] },
          { accountId: '1', compliance: snapshot.compliance },
        ],
      }),
    );
    expect(patched.products).toEqual([studio, build]);
    expect(patched.compliance).toEqual(snapshot.compliance);
  });

  it('takes a new OU tree, keeping known tags and registration', () => {
    const patched = applySnapshotPatch(
      snapshot,
      patch({
        tree: {
          ous: [
            {
              id: 'ou-1',
              arn: 'arn:ou-1',
              name: 'Dev',
              parentId: 'r-1',
              path: 'Dev',
            },
            {
              id: 'ou-2',
              arn: 'arn:ou-2',
              name: 'New',
              parentId: 'r-1',
              path: 'New',
            },
          ],
          accounts: [
            { id: '1', name: 'a', email: 'a@x', parentId: 'ou-2' },
            { id: '2', name: 'b', email: 'b@x', parentId: 'ou-1' },
          ],
        },
      }),
    );
    expect(patched.ous.map(o => [o.id, o.controlTower?.registered])).toEqual([
      ['ou-1', true],
      ['ou-2', undefined],
    ]);
    expect(patched.accounts[0]).toMatchObject({
      parentId: 'ou-2',
      tags: { k: 'v' },
    });
  });
});
