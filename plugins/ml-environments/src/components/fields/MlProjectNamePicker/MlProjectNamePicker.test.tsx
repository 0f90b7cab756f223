import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { MlEnvironmentsApi } from '../../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { projectEntity } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import {
  MlProjectNamePicker,
  mlProjectNamePickerValidation,
} from './MlProjectNamePicker';
import { checkProjectName } from './availability';

const churnRecord = {
  project: 'churn-prediction',
  pattern: 'mlops' as const,
  owner: 'group:default/team-churn',
  accounts: [],
  origin: 'provisioned' as const,
  createdBy: 'user:default/guest',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

const records: Record<string, unknown> = {
  'churn-prediction': churnRecord,
  'old-model': {
    ...churnRecord,
    project: 'old-model',
    retirement: {
      state: 'retired',
      reason: 'done',
      requestedBy: 'user:default/guest',
      requestedAt: '2026-11-20T10:00:00Z',
      accounts: [],
    },
  },
};

const api = {
  getProjectRecord: jest.fn(async (name: string) => {
    if (name === 'secret-project') {
      throw await responseError(403, 'NotAllowedError', 'no');
    }
    return records[name] as any;
  }),
} as Partial<MlEnvironmentsApi> as MlEnvironmentsApi;

const churnMember = ['user:default/guest', 'group:default/team-churn'];
const fraudMember = ['user:default/ada', 'group:default/team-fraud'];

describe('checkProjectName', () => {
  it.each([
    ['demand-forecast', churnMember, false, true, /'demand-forecast' is free/],
    [
      'churn-prediction',
      churnMember,
      false,
      true,
      /Your team team-churn already has this project: running the template again/,
    ],
    [
      'churn-prediction',
      fraudMember,
      false,
      false,
      /'churn-prediction' is team-churn's project: choose another name/,
    ],
    [
      'secret-project',
      fraudMember,
      false,
      false,
      /another team's project: choose another name/,
    ],
    [
      'old-model',
      churnMember,
      false,
      false,
      /retired on 2026-11-20; names are never reused/,
    ],
    [
      'Demand Forecast',
      churnMember,
      false,
      false,
      /use 3 to 40 lowercase letters.*e\.g\. demand-forecast/,
    ],
    [
      'demand-forecast',
      churnMember,
      true,
      false,
      /No ML project is called 'demand-forecast'/,
    ],
    [
      'churn-prediction',
      fraudMember,
      true,
      true,
      /team-churn's mlops project \(its owner group decides\)/,
    ],
  ])(
    '%s for %j (existing: %s): usable %s',
    async (name, groups, existing, usable, message) => {
      const answer = await checkProjectName(api, groups, name, existing);
      expect(answer.usable).toBe(usable);
      expect(answer.message).toMatch(message);
    },
  );
});

function props(overrides: Record<string, unknown> = {}) {
  return {
    onChange: jest.fn(),
    schema: { title: 'Project name', description: 'Names the accounts' },
    uiSchema: {},
    rawErrors: [],
    required: true,
    formData: undefined,
    idSchema: { $id: 'root_project' },
    ...overrides,
  } as any;
}

async function renderPicker(formData: string, groups: string[]) {
  await renderWithApi(
    <MlProjectNamePicker {...props({ formData })} />,
    api,
    projectEntity,
    'allow',
    [
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: groups[0],
          ownershipEntityRefs: groups,
        }),
      ],
    ],
  );
}

describe('MlProjectNamePicker', () => {
  it('tells a team that a name is free while they type', async () => {
    await renderPicker('demand-forecast', churnMember);
    expect(
      await screen.findByText("'demand-forecast' is free"),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows another team's name as a problem, naming the team", async () => {
    await renderPicker('churn-prediction', fraudMember);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "'churn-prediction' is team-churn's project: choose another name",
    );
  });

  it("refuses another team's name and a retired one, not the team's own", async () => {
    const validate = async (name: string, groups: string[]) => {
      const errors: string[] = [];
      await mlProjectNamePickerValidation(
        name,
        { addError: (m: string) => errors.push(m) } as any,
        {
          apiHolder: {
            get: (ref: { id: string }) =>
              ref.id === identityApiRef.id
                ? mockApis.identity({ ownershipEntityRefs: groups })
                : api,
          },
          uiSchema: {},
        } as any,
      );
      return errors;
    };
    expect(await validate('churn-prediction', fraudMember)).toHaveLength(1);
    expect(await validate('old-model', churnMember)).toHaveLength(1);
    expect(await validate('churn-prediction', churnMember)).toEqual([]);
    expect(await validate('demand-forecast', fraudMember)).toEqual([]);
  });
});
