import { churnLayout } from '../../__testUtils__/fixtures';
import { projectGraph } from './projectGraph';

describe('projectGraph', () => {
  it('draws the MLOps pattern: shared accounts into dev, promotion and deployment', () => {
    const { nodes, edges } = projectGraph(churnLayout);
    expect(nodes.map(n => n.heading)).toEqual([
      'prod',
      'dev',
      'preprod',
      'automation',
      'Team Shared Services',
      'Data Lake',
    ]);
    expect(edges.map(e => `${e.from} -${e.label}-> ${e.to}`)).toEqual([
      'shared:team-shared-services -Studio domain-> 200000000011',
      'shared:data-lake -read-only data-> 200000000011',
      '200000000011 -promote-> 200000000012',
      '200000000012 -promote-> 200000000013',
      '200000000014 -deploys-> 200000000012',
      '200000000014 -deploys-> 200000000013',
    ]);
  });

  it('flags an account its tags place in another OU', () => {
    const automation = projectGraph(churnLayout).nodes.find(
      n => n.heading === 'automation',
    );
    expect(automation).toMatchObject({
      ou: 'Root',
      belongsIn: 'Deployments/Deployments_Prod',
    });
  });

  it('draws a sandbox as one account with no shared accounts or edges', () => {
    const sandbox = {
      ...churnLayout,
      pattern: 'sandbox',
      accounts: [
        {
          ...churnLayout.accounts[1],
          stage: 'sandbox',
          ouPath: 'Sandbox',
          expectedOuPath: 'Sandbox',
        },
      ],
    };
    const { nodes, edges } = projectGraph(sandbox);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ heading: 'sandbox', ou: 'Sandbox' });
    expect(nodes[0].belongsIn).toBeUndefined();
    expect(edges).toEqual([]);
  });
});
