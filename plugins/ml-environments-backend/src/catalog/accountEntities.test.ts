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
