import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { mockApis } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import {
  MlOwnerGroupPicker,
  mlOwnerGroupPickerValidation,
  ownerGroupLabel,
} from './MlOwnerGroupPicker';

const group = (name: string, title?: string, displayName?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title },
  spec: { type: 'team', children: [], profile: { displayName } },
});

const catalog = catalogApiMock({
  entities: [
    group('team-churn', 'Churn Prediction Team'),
    group('team-fraud', undefined, 'Fraud Team'),
    group('team-plain'),
  ],
});

function props(overrides: Record<string, unknown> = {}) {
  return {
    onChange: jest.fn(),
    schema: { title: 'Owner group', description: 'The team that owns it' },
    uiSchema: {},
    rawErrors: [],
    required: true,
    formData: undefined,
    ...overrides,
  } as any;
}

function renderFor(ownershipEntityRefs: string[], field = props()) {
  return renderWithApi(
    <MlOwnerGroupPicker {...field} />,
    {},
    undefined,
    'allow',
    [
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs,
        }),
      ],
      [catalogApiRef, catalog],
    ],
  );
}

describe('MlOwnerGroupPicker', () => {
  it("offers only the user's groups, by display name, and reports the ref", async () => {
    const field = props();
    await renderFor(
      [
        'user:default/guest',
        'group:default/team-plain',
        'group:default/team-churn',
      ],
      field,
    );
    await screen.findByText('The team that owns it');
    fireEvent.mouseDown(
      await screen.findByRole('button', { name: /^Owner group/ }),
    );
    const options = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(options).toEqual([
      'Churn Prediction Team (team-churn)',
      'team-plain',
    ]);
    fireEvent.click(
      screen.getByRole('option', {
        name: 'Churn Prediction Team (team-churn)',
      }),
    );
    expect(field.onChange).toHaveBeenCalledWith('group:default/team-churn');
  });

  it('is named by its label and the team it shows', async () => {
    await renderFor(
      ['user:default/guest', 'group:default/team-churn'],
      props({ formData: 'group:default/team-churn' }),
    );
    // What the field shows is part of its name (WCAG 2.5.3 Label in Name).
    const field = await screen.findByRole('button', {
      name: 'Owner group Churn Prediction Team (team-churn)',
    });
    expect(field).toHaveTextContent('Churn Prediction Team (team-churn)');
    expect(field).not.toHaveAttribute('aria-label');
  });

  it('takes the only group of a user in one team', async () => {
    const field = props();
    await renderFor(['user:default/guest', 'group:default/team-fraud'], field);
    await waitFor(() =>
      expect(field.onChange).toHaveBeenCalledWith('group:default/team-fraud'),
    );
  });

  it('says what to do when the user is in no team', async () => {
    await renderFor(['user:default/guest']);
    expect(
      await screen.findByText(/You are in no team in the catalog/),
    ).toBeInTheDocument();
  });
});

describe('ownerGroupLabel', () => {
  it("uses the title, else the profile's display name, else the name", () => {
    expect(ownerGroupLabel('group:default/team-x')).toBe('team-x');
    expect(
      ownerGroupLabel('group:default/team-x', group('team-x', 'X', 'Y') as any),
    ).toBe('X (team-x)');
    expect(
      ownerGroupLabel(
        'group:default/team-x',
        group('team-x', undefined, 'Y') as any,
      ),
    ).toBe('Y (team-x)');
  });
});

describe('mlOwnerGroupPickerValidation', () => {
  it('refuses a ref that is not a group', () => {
    const addError = jest.fn();
    mlOwnerGroupPickerValidation(
      'user:default/guest',
      { addError } as any,
      {} as any,
    );
    expect(addError).toHaveBeenCalledWith(
      'user:default/guest is not a group: choose one of your teams',
    );
  });
});
