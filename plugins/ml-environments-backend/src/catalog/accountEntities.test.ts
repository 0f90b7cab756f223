import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  OrganizationSnapshot,
  organizationView,
} from '@mlgov/plugin-ml-environments-common';
import { accountEntity, accountsOf } from './accountEntities';

describe('accountEntity', () => {
  it('makes a project account a Resource in its System, owned by its team', () => {
    expect(
      accountEntity(
        {
          id: '200000000011',
          name: 'churn-prediction-dev',
          ouPath: 'Workloads/Workloads_Dev',
          owner: 'group:default/team-churn',
          project: 'churn-prediction',
          stage: 'dev',
          managed: true,
          status: 'ACTIVE',
        },
        'group:default/platform-team',
      ),
    ).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'aws-account-200000000011',
        title: 'churn-prediction-dev',
        description: 'The dev AWS account of ML project churn-prediction',
        annotations: {
          'backstage.io/managed-by-location': 'ml-environments:organization',
          'backstage.io/managed-by-origin-location':
            'ml-environments:organization',
          'ml-environments.io/account-id': '200000000011',
          'ml-environments.io/ou-path': 'Workloads/Workloads_Dev',
          'ml-environments.io/managed': 'true',
          'ml-environments.io/stage': 'dev',
          'ml-environments.io/project': 'churn-prediction',
        },
        tags: ['aws-account', 'dev'],
      },
      spec: {
        type: 'aws-account',
        lifecycle: 'production',
        owner: 'group:default/team-churn',
        system: 'churn-prediction',
      },
    });
  });

  it('gives accounts without project tags the default owner and no System', () => {
    const entity = accountEntity(
      { id: '111111111111', name: 'Management', ouPath: '' },
      'group:default/platform-team',
    );
    expect(entity.spec).toEqual({
      type: 'aws-account',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    });
    expect(entity.metadata.annotations?.['ml-environments.io/ou-path']).toBe(
      'Root',
    );
  });

  it('marks unmanaged and suspended accounts, and never takes an owner, project or stage from a tag alone', () => {
    const entity = accountEntity(
      {
        id: '500000000001',
        name: 'bu01-claimed',
        ouPath: 'BU01/BU01_Dev',
        owner: 'group:default/mallory-team',
        project: 'legacy-ml-01',
        stage: 'sandbox',
        managed: false,
        status: 'SUSPENDED',
      },
      'group:default/platform-team',
    );
    expect(entity.metadata.annotations?.['ml-environments.io/managed']).toBe(
      'false',
    );
    expect(entity.spec?.owner).toBe('group:default/platform-team');
    expect(entity.spec?.lifecycle).toBe('suspended');
    // A tag's claim puts no project's ML cards on the account's page.
    expect(
      entity.metadata.annotations?.['ml-environments.io/project'],
    ).toBeUndefined();
    expect(
      entity.metadata.annotations?.['ml-environments.io/stage'],
    ).toBeUndefined();
    expect(entity.metadata.description).toBe('AWS account in BU01/BU01_Dev');
    expect(entity.spec?.system).toBeUndefined();
  });

  it('marks the accounts of retired projects, in the Suspended OU', () => {
    const entity = accountEntity(
      {
        id: '200000000011',
        name: 'churn-dev',
        ouPath: 'Suspended',
        owner: 'group:default/team-churn',
        project: 'churn-prediction',
        stage: 'dev',
        managed: true,
        status: 'ACTIVE',
      },
      'group:default/platform-team',
    );
    expect(entity.spec?.lifecycle).toBe('retired');
    expect(entity.metadata.description).toBe(
      'The dev AWS account of retired ML project churn-prediction',
    );
  });

  it('collects the accounts of the whole tree', () => {
    const tree = {
      accounts: [{ id: '1', name: 'a', ouPath: '' }],
      children: [
        {
          accounts: [{ id: '2', name: 'b', ouPath: 'X' }],
          children: [
            { accounts: [{ id: '3', name: 'c', ouPath: 'X/Y' }], children: [] },
          ],
        },
      ],
    };
    expect(accountsOf(tree).map(a => a.id)).toEqual(['1', '2', '3']);
  });
});

describe('account entities of the first stage of a first read', () => {
  // The OU tree with its accounts, before any tag is read.
  const firstStage: OrganizationSnapshot = {
    takenAt: '2026-12-07T10:00:00Z',
    loading: ['registration', 'tags', 'policies', 'products'],
    organizationId: 'o-1',
    rootId: 'r-1',
    ous: [
      {
        id: 'ou-w',
        arn: 'arn:w',
        name: 'Workloads',
        parentId: 'r-1',
        path: 'Workloads',
      },
      {
        id: 'ou-d',
        arn: 'arn:d',
        name: 'Workloads_Dev',
        parentId: 'ou-w',
        path: 'Workloads/Workloads_Dev',
      },
    ],
    accounts: [
      {
        id: '200000000011',
        name: 'churn-prediction-dev',
        email: 'a@example.com',
        parentId: 'ou-d',
        tags: {},
      },
      {
        id: '500000000001',
        name: 'legacy',
        email: 'b@example.com',
        parentId: 'ou-w',
        tags: {},
      },
    ],
    policies: [],
    controls: [],
    compliance: [],
    products: [],
  };

  it('carry the OU path, and the stage and owner of the record, in their first version', () => {
    const view = organizationView(
      firstStage,
      new Map([['churn-prediction', 'group:default/team-churn']]),
      {
        baseline: DEFAULT_BASELINE,
        parameters: DEFAULT_GUARDRAIL_PARAMETERS,
        region: 'us-east-1',
      },
      new Map([
        [
          '200000000011',
          { project: 'churn-prediction', stage: 'dev', pattern: 'dev' },
        ],
      ]),
    );
    const [dev, legacy] = ['200000000011', '500000000001'].map(id =>
      accountEntity(
        accountsOf(view.root).find(a => a.id === id)!,
        'group:default/platform-team',
      ),
    );
    expect(dev.metadata.annotations).toMatchObject({
      'ml-environments.io/ou-path': 'Workloads/Workloads_Dev',
      'ml-environments.io/stage': 'dev',
      'ml-environments.io/project': 'churn-prediction',
      'ml-environments.io/managed': 'true',
    });
    expect(dev.spec).toMatchObject({
      owner: 'group:default/team-churn',
      system: 'churn-prediction',
    });
    // Not in the record: its OU and the default owner, whatever tags say.
    expect(legacy.metadata.annotations).toMatchObject({
      'ml-environments.io/ou-path': 'Workloads',
      'ml-environments.io/managed': 'false',
    });
    expect(legacy.spec?.owner).toBe('group:default/platform-team');
  });
});
