import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
  createPermission,
} from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { ProjectRequest, askedAndDecided } from './requestHistory';
import { RequestsCard, RequestsCardProps } from './RequestsCard';

// A pair per test: usePermission caches answers for the module's lifetime.
const permissions = (name: string) => ({
  approve: createPermission({
    name: `test.${name}.approve`,
    attributes: { action: 'update' },
  }),
  revoke: createPermission({
    name: `test.${name}.revoke`,
    attributes: { action: 'update' },
    resourceType: 'ml-project',
  }),
});

interface Loan extends ProjectRequest {
  book: string;
  due: string;
}

const loan: Loan = {
  id: 'loan-1',
  accountId: '200000000011',
  book: 'SICP',
  due: '2026-12-24',
  state: 'pending',
  reason: 'Reading group',
  requestedBy: 'user:default/guest',
  requestedAt: '2026-12-02T10:00:00.000Z',
};

function props(
  more: Partial<RequestsCardProps<Loan>> = {},
): RequestsCardProps<Loan> {
  return {
    layout: churnLayout,
    title: 'Book loans',
    subject: { title: 'Book', render: l => l.book },
    subheader: 'Books the project borrowed',
    list: jest.fn(async () => [loan]),
    decide: jest.fn(async () => undefined),
    columns: [
      { title: 'Due', render: l => l.due, style: { whiteSpace: 'nowrap' } },
    ],
    reasonNote: l => <span role="note">note on {l.book}</span>,
    footer: loans => <p>{loans.length} loan(s)</p>,
    ...permissions('loan'),
    empty: 'No loans.',
    template: '/create/templates/default/borrow',
    ask: 'Borrow a book',
    history: l => askedAndDecided(l),
    ...more,
  };
}

/** Allows revoking on the card's project only; never approving. */
function revokeOnly(requests: EvaluatePermissionRequest[]) {
  return mockApis.permission({
    authorize: request => {
      requests.push(request);
      return 'resourceRef' in request &&
        request.resourceRef === churnLayout.project
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    },
  });
}

describe('RequestsCard', () => {
  it("shows each request's subject, account, state, own columns, reason and history", async () => {
    const p = props();
    await renderWithApi(<RequestsCard {...p} />, {});
    const table = await screen.findByRole('table', { name: 'Book loans' });
    const headings = within(table).getAllByRole('columnheader');
    expect(headings.map(h => h.textContent)).toEqual([
      'Book',
      'Account',
      'State',
      'Due',
      'Reason',
      'Actions',
    ]);
    expect(p.list).toHaveBeenCalledWith(expect.anything(), 'churn-prediction');
    expect(screen.getByRole('cell', { name: 'SICP' })).toBeInTheDocument();
    expect(
      screen.getByRole('cell', { name: 'dev (200000000011)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('2026-12-24')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(
      screen.getByText('asked by user:default/guest on 2026-12-02'),
    ).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('note on SICP');
    expect(screen.getByText('1 loan(s)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Borrow a book' })).toHaveAttribute(
      'href',
      '/create/templates/default/borrow?formData=%7B%22project%22%3A%22churn-prediction%22%7D',
    );
  });

  it('says the empty text and shows no table when there are none', async () => {
    await renderWithApi(
      <RequestsCard {...props({ list: async () => [] })} />,
      {},
    );
    expect(await screen.findByText('No loans.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('asks revoke for the project and approve on its own, and decides through decide', async () => {
    const asked: EvaluatePermissionRequest[] = [];
    const list = jest
      .fn()
      .mockResolvedValueOnce([loan])
      .mockResolvedValue([{ ...loan, state: 'revoked' }]);
    const { approve, revoke } = permissions('guarded');
    const p = props({ list, approve, revoke });
    await renderWithApi(<RequestsCard {...p} />, {}, undefined, 'allow', [
      [permissionApiRef, revokeOnly(asked)],
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw' }));
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    await waitFor(() =>
      expect(p.decide).toHaveBeenCalledWith(
        expect.anything(),
        'loan-1',
        'revoke',
      ),
    );
    expect(await screen.findByText('revoked')).toBeInTheDocument();
    expect(asked).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ permission: approve }),
        expect.objectContaining({
          permission: revoke,
          resourceRef: 'churn-prediction',
        }),
      ]),
    );
  });
});

describe('askedAndDecided', () => {
  it('says who asked, who decided with the verb given, and the note', () => {
    expect(
      askedAndDecided(
        {
          ...loan,
          decidedBy: 'user:default/ada',
          decidedAt: '2026-12-03T08:00:00.000Z',
          decisionNote: 'until the exam',
        },
        'revoked',
      ),
    ).toBe(
      'asked by user:default/guest on 2026-12-02; revoked by user:default/ada on 2026-12-03 (until the exam)',
    );
  });
});
