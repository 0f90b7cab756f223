import { identityApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { mlProjectRetirePermission } from '@mlgov/plugin-ml-environments-common';
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

// What the backend's rule answers for a new project's name.
const availability: Record<string, { available: boolean; reason: string }> = {
  'demand-forecast': { available: true, reason: "'demand-forecast' is free" },
  'churn-prediction': {
    available: true,
    reason:
      'Your team team-churn already has this project: running the template again brings it up to date and creates nothing twice',
  },
  'fraud-model': {
    available: false,
    reason: "'fraud-model' is team-fraud's project: choose another name",
  },
  'old-model': {
    available: false,
    reason:
      "'old-model' was retired on 2026-11-20; names are never reused: choose another name",
  },
  'legacy-forecast': {
    available: false,
    reason:
      'The name legacy-forecast is taken: AWS accounts 220000000011 are tagged ml-project=legacy-forecast but the suite has no record of that project; choose another name, or ask an administrator to adopt it',
  },
};

const api = {
  getProjectAvailability: jest.fn(async (name: string) => availability[name]),
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
      'legacy-forecast',
      churnMember,
      false,
      false,
      /The name legacy-forecast is taken: AWS accounts 220000000011 are tagged/,
    ],
    [
      'secret-project',
      fraudMember,
      true,
      false,
      /another team's project, which only its owner group can act on/,
    ],
    [
      'old-model',
      churnMember,
      true,
      false,
      /retired on 2026-11-20; names are never reused/,
    ],
    [
      'Demand Forecast',
      churnMember,
      false,
      false,
      /use 3 to 30 lowercase letters.*e\.g\. demand-forecast/,
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

describe('checkProjectName for a template that retires the project', () => {
  const retire = (allowed: boolean) => ({
    verb: 'retire',
    allowed: jest.fn(async () => allowed),
  });

  it('refuses up front a project the backend does not let the user retire, saying who may', async () => {
    const action = retire(false);
    const answer = await checkProjectName(
      api,
      fraudMember,
      'churn-prediction',
      true,
      action,
    );
    expect(answer).toEqual({
      usable: false,
      message:
        "You may not retire 'churn-prediction': only its owner group team-churn and the suite's administrators can. Ask someone in team-churn, or choose one of your team's projects",
    });
    expect(action.allowed).toHaveBeenCalledWith('churn-prediction');
  });

  it('accepts a project the backend lets the user retire', async () => {
    const answer = await checkProjectName(
      api,
      churnMember,
      'churn-prediction',
      true,
      retire(true),
    );
    expect(answer).toEqual({
      usable: true,
      message: "Your team team-churn's mlops project",
    });
  });
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

  it("shows the backend's refusal of another team's name as a problem, naming the team", async () => {
    await renderPicker('fraud-model', churnMember);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "'fraud-model' is team-fraud's project: choose another name",
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
    expect(await validate('fraud-model', churnMember)).toHaveLength(1);
    expect(await validate('old-model', churnMember)).toHaveLength(1);
    expect(await validate('legacy-forecast', churnMember)).toHaveLength(1);
    expect(await validate('churn-prediction', churnMember)).toEqual([]);
    expect(await validate('demand-forecast', fraudMember)).toEqual([]);
    // Each name was asked of the backend's rule, not decided here.
    expect(api.getProjectAvailability).toHaveBeenCalledWith('legacy-forecast');
  });

  it('refuses on Next a project the user may not retire, as the permission framework decides on it', async () => {
    const authorize = jest.fn(async (request: { resourceRef?: string }) => ({
      result:
        request.resourceRef === 'churn-prediction'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
    const errors: string[] = [];
    await mlProjectNamePickerValidation(
      'churn-prediction',
      { addError: (m: string) => errors.push(m) } as any,
      {
        apiHolder: {
          get: (ref: { id: string }) => {
            if (ref.id === identityApiRef.id) {
              return mockApis.identity({ ownershipEntityRefs: fraudMember });
            }
            return ref.id === permissionApiRef.id ? { authorize } : api;
          },
        },
        uiSchema: { 'ui:options': { existing: true, action: 'retire' } },
      } as any,
    );
    expect(errors).toEqual([
      "You may not retire 'churn-prediction': only its owner group team-churn and the suite's administrators can. Ask someone in team-churn, or choose one of your team's projects",
    ]);
    expect(authorize).toHaveBeenCalledWith({
      permission: mlProjectRetirePermission,
      resourceRef: 'churn-prediction',
    });
  });

  it("shows another team's project as a problem while typing in the retire form", async () => {
    await renderWithApi(
      <MlProjectNamePicker
        {...props({
          formData: 'churn-prediction',
          uiSchema: { 'ui:options': { existing: true, action: 'retire' } },
        })}
      />,
      api,
      projectEntity,
      'deny',
      [
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: fraudMember[0],
            ownershipEntityRefs: fraudMember,
          }),
        ],
      ],
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You may not retire 'churn-prediction'",
    );
  });
});
