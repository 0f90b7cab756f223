import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';
import { screen } from '@testing-library/react';
import { MlEnvironmentsApi, mlEnvironmentsApiRef } from '../../api';
import { responseError } from '../__testUtils__/responseError';
import { MlProjectLayoutCard } from './MlProjectLayoutCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'churn-prediction',
    annotations: {
      'ml-environments.io/project': 'churn-prediction',
      'ml-environments.io/pattern': 'mlops',
    },
  },
};

const account = (
  stage: string,
  id: string,
  ouPath: string,
  state: any,
  expectedOuPath = ouPath,
) => ({
  id,
  name: `churn-prediction-${stage}`,
  stage,
  ouPath,
  expectedOuPath,
  state,
  guardrails: [],
  effectivePermissions: [],
});

const layout: ProjectLayout = {
  project: 'churn-prediction',
  takenAt: '2026-11-27T01:00:00.000Z',
  pattern: 'mlops',
  accounts: [
    account('prod', '200000000013', 'Workloads/Workloads_Prod', 'drifted'),
    account('dev', '200000000011', 'Workloads/Workloads_Dev', 'ok'),
    account(
      'preprod',
      '200000000012',
      'Workloads/Workloads_PreProd',
      'missing',
    ),
    account(
      'automation',
      '200000000014',
      '',
      'missing',
      'Deployments/Deployments_Prod',
    ),
  ],
  products: [],
};

async function renderWith(getProject: MlEnvironmentsApi['getProject']) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [mlEnvironmentsApiRef, { getProject, createStudioUrl: jest.fn() }],
      ]}
    >
      <EntityProvider entity={entity}>
        <MlProjectLayoutCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('MlProjectLayoutCard', () => {
  it('groups the accounts by OU with their guardrail status and the promotion path', async () => {
    await renderWith(async () => layout);
    expect(
      await screen.findByText('OU Workloads/Workloads_Dev'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('churn-prediction-dev (200000000011)'),
    ).toBeInTheDocument();
    expect(screen.getByText('guardrails ok')).toBeInTheDocument();
    expect(screen.getByText('drifted')).toBeInTheDocument();
    expect(screen.getAllByText('missing')).toHaveLength(2);
    expect(screen.getByText('OU Root')).toBeInTheDocument();
    expect(
      screen.getByText('belongs in Deployments/Deployments_Prod'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Promotion path: dev → preprod → prod/),
    ).toBeInTheDocument();
  });

  it('says when no account is tagged for the project yet', async () => {
    const error = await responseError(
      404,
      'NotFoundError',
      'No AWS account is tagged',
    );
    await renderWith(async () => {
      throw error;
    });
    expect(await screen.findByText('No AWS accounts yet')).toBeInTheDocument();
  });

  it('explains a missing permission', async () => {
    const error = await responseError(403, 'NotAllowedError', 'Not allowed');
    await renderWith(async () => {
      throw error;
    });
    expect(
      await screen.findByText(/ml-environments\.status\.read permission/),
    ).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    await renderWith(async () => {
      throw new Error('Backend unreachable');
    });
    expect(
      await screen.findByText('Error: Backend unreachable'),
    ).toBeInTheDocument();
  });
});
