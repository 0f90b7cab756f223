import { TargetGuardrailsView } from '@mlgov/plugin-ml-environments-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { GuardrailDetailsDrawer } from './GuardrailDetailsDrawer';

const account: TargetGuardrailsView = {
  targetId: '210000000011',
  label: 'fraud-detection-dev',
  kind: 'account',
  state: 'non-compliant',
  guardrails: [
    {
      guardrailId: 'require-vpc',
      kind: 'scp',
      title: 'Require VPC',
      state: 'ok',
      reason: 'mlgov-require-vpc is attached to Workloads/Workloads_Dev',
      expectedAt: 'Workloads/Workloads_Dev',
      carriedBy: { name: 'mlgov-require-vpc', at: 'Workloads/Workloads_Dev' },
    },
    {
      guardrailId: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
      kind: 'control',
      title: 'Disallow public read access to S3 buckets',
      state: 'non-compliant',
      reason:
        'AWS Config finds AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED violated in fraud-detection-dev: 1 resource(s)',
      expectedAt: 'Workloads/Workloads_Dev',
      resources: [
        { type: 'AWS::S3::Bucket', id: 'fraud-detection-dev-exports' },
      ],
    },
  ],
};

describe('GuardrailDetailsDrawer', () => {
  it('shows the failing guardrail first, the resource to fix and what to do', async () => {
    const getTargetGuardrails = jest.fn(async () => account);
    await renderWithApi(
      <GuardrailDetailsDrawer
        target={{ id: '210000000011', label: 'fraud-detection-dev' }}
        onClose={jest.fn()}
      />,
      { getTargetGuardrails },
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Guardrails of fraud-detection-dev',
    });
    expect(getTargetGuardrails).toHaveBeenCalledWith('210000000011');
    const sections = await within(dialog).findAllByRole('region');
    expect(
      sections.map(s => within(s).getByRole('heading').textContent),
    ).toEqual(['Disallow public read access to S3 buckets', 'Require VPC']);
    expect(
      within(sections[0]).getByRole('list', {
        name: 'Non-compliant resources of Disallow public read access to S3 buckets',
      }),
    ).toHaveTextContent('fraud-detection-dev-exports (AWS::S3::Bucket)');
    expect(sections[0]).toHaveTextContent(
      /What to do: Fix the resources named here/,
    );
    expect(sections[1]).toHaveTextContent(
      'carried by mlgov-require-vpc on Workloads/Workloads_Dev',
    );
    expect(sections[1]).not.toHaveTextContent('What to do');
  });

  it('puts the guardrail the user chose first, and closes on the close button', async () => {
    const onClose = jest.fn();
    await renderWithApi(
      <GuardrailDetailsDrawer
        target={{
          id: '210000000011',
          label: 'fraud-detection-dev',
          guardrailId: 'require-vpc',
        }}
        onClose={onClose}
      />,
      { getTargetGuardrails: async () => account },
    );
    const dialog = await screen.findByRole('dialog');
    const [first] = await within(dialog).findAllByRole('region');
    expect(within(first).getByRole('heading')).toHaveTextContent('Require VPC');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it("tells an account outside its pattern's OU to move, as its reason says", async () => {
    const misplaced: TargetGuardrailsView = {
      targetId: '210000000013',
      label: 'fraud-detection-prod (210000000013)',
      kind: 'account',
      state: 'missing',
      guardrails: [
        {
          guardrailId: 'require-vpc',
          kind: 'scp',
          title: 'SageMaker only inside a VPC',
          state: 'missing',
          reason:
            'mlgov-require-vpc is not attached to Workloads/Workloads_Prod or above it: the account sits in the root, not in Workloads/Workloads_Prod; move it there',
          expectedAt: 'Workloads/Workloads_Prod',
        },
      ],
    };
    await renderWithApi(
      <GuardrailDetailsDrawer
        target={{
          id: '210000000013',
          label: 'fraud-detection-prod',
          placement: { ouPath: '', expectedOuPath: 'Workloads/Workloads_Prod' },
        }}
        onClose={jest.fn()}
      />,
      { getTargetGuardrails: async () => misplaced },
    );
    const [section] = await within(
      await screen.findByRole('dialog'),
    ).findAllByRole('region');
    expect(section).toHaveTextContent(
      /What to do: Move the account, not the guardrail: it sits in the root.*Move it to Workloads\/Workloads_Prod/,
    );
    expect(section).not.toHaveTextContent('ask the platform team to put');
  });

  it('says why the details cannot be read', async () => {
    await renderWithApi(
      <GuardrailDetailsDrawer
        target={{ id: 'ou-x', label: 'Workloads' }}
        onClose={jest.fn()}
      />,
      {
        getTargetGuardrails: async () => {
          throw new Error('Backend unreachable');
        },
      },
    );
    expect(
      await screen.findByText('Error: Backend unreachable'),
    ).toBeInTheDocument();
  });
});
