import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { OrganizationView } from '@mlgov/plugin-ml-environments-common';
import { organization } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlProjectsHomeCard } from './MlProjectsHomeCard';
import { myProjects } from './myProjects';

/** The fixture organization, with owners as the suite's record gives them. */
function withOwners(): OrganizationView {
  const view: OrganizationView = JSON.parse(JSON.stringify(organization));
  const owners: Record<string, string> = {
    'churn-prediction': 'group:default/team-churn',
    'fraud-detection': 'group:default/team-fraud',
  };
  const visit = (node: OrganizationView['root']) => {
    for (const account of node.accounts) {
      if (account.project && owners[account.project]) {
        account.owner = owners[account.project];
      }
      // vision is known only from its tags: nobody owns it.
      if (account.project === 'vision') {
        account.managed = false;
        account.owner = 'group:default/team-churn';
      }
    }
    node.children.forEach(visit);
  };
  visit(view.root);
  return view;
}

async function renderCard(groups: string[]) {
  await renderWithApi(
    <MlProjectsHomeCard />,
    { getOrganization: async () => withOwners() },
    undefined,
    'allow',
    [
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: groups,
        }),
      ],
    ],
  );
}

describe('myProjects', () => {
  it("lists the recorded projects of the user's teams with their worst state, never a tag-only one", () => {
    expect(
      myProjects(withOwners(), [
        'user:default/guest',
        'group:default/team-churn',
      ]),
    ).toEqual([
      {
        project: 'churn-prediction',
        owner: 'group:default/team-churn',
        pattern: 'mlops',
        accounts: 2,
        state: 'missing',
      },
    ]);
    expect(myProjects(withOwners(), ['group:default/nobody'])).toEqual([]);
  });
});

describe('MlProjectsHomeCard', () => {
  it('says what the suite does and where to start', async () => {
    await renderCard(['group:default/team-churn']);
    // Backstage's LinkButton: a link that looks (and is announced) as a button.
    const target = (name: string) =>
      screen.getByRole('button', { name }).getAttribute('href');
    expect(target('Create an ML project')).toBe('/create');
    expect(target('Organization compliance')).toBe('/ml-environments');
    expect(target('How it works')).toBe(
      '/docs/default/component/ml-environments-suite',
    );
  });

  it("lists the user's teams' projects, each linked to its ML environment tab with its status", async () => {
    await renderCard(['group:default/team-churn']);
    const list = await screen.findByRole('list', { name: 'My ML projects' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(
      within(items[0]).getByRole('link', { name: 'churn-prediction' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/system/churn-prediction/ml-environment',
    );
    expect(items[0]).toHaveTextContent('mlops, 2 accounts, team-churn');
    expect(items[0]).toHaveTextContent('missing');
  });

  it('says how to start when no team of the user owns a project', async () => {
    await renderCard(['group:default/team-data']);
    expect(
      await screen.findByText(/None of your teams owns an ML project yet/),
    ).toBeInTheDocument();
  });
});
