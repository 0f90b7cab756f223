import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  ML_PATTERN_ANNOTATION,
  ML_PROJECT_ANNOTATION,
} from '@mlgov/plugin-ml-environments-common';
import { screen } from '@testing-library/react';
import { MlEnvironmentSummaryCard } from './MlEnvironmentSummaryCard';

function renderFor(annotations: Record<string, string>) {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'churn-prediction', annotations },
  };
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <MlEnvironmentSummaryCard />
    </EntityProvider>,
  );
}

describe('MlEnvironmentSummaryCard', () => {
  it("lists the accounts of the project's pattern", async () => {
    await renderFor({
      [ML_PROJECT_ANNOTATION]: 'churn-prediction',
      [ML_PATTERN_ANNOTATION]: 'mlops',
    });

    expect(
      screen.getByText(
        'Project churn-prediction · Pattern 3: MLOps with cross-account deployment',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Workloads/Workloads_PreProd')).toBeInTheDocument();
    expect(
      screen.getByText('Deployments/Deployments_Prod'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(5); // header + 4 accounts
  });

  it('explains an annotation it cannot use', async () => {
    await renderFor({
      [ML_PROJECT_ANNOTATION]: 'churn-prediction',
      [ML_PATTERN_ANNOTATION]: 'production',
    });

    expect(
      screen.getByText('Warning: ML environment annotations cannot be read'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/is 'production'; set it to one of/),
    ).toBeInTheDocument();
  });

  it('says so when the entity is not an ML project', async () => {
    await renderFor({});

    expect(screen.getByText(/is not an ML project/)).toBeInTheDocument();
  });
});
