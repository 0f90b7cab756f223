import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { StaleSnapshotNote } from './StaleSnapshotNote';

describe('StaleSnapshotNote', () => {
  it('names each kept section, since when and why', async () => {
    await renderInTestApp(
      <StaleSnapshotNote
        stale={[
          {
            section: 'controls',
            reason: 'ThrottlingException: Rate exceeded',
            since: '2026-12-01T06:00:00.000Z',
          },
        ]}
      />,
    );
    expect(
      screen.getByText(/Partly out of date: Control Tower controls/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /could not read them \(ThrottlingException: Rate exceeded\)/,
      ),
    ).toBeInTheDocument();
  });

  it('names the sections a first read has not reached yet', async () => {
    await renderInTestApp(
      <StaleSnapshotNote loading={['policies', 'products']} />,
    );
    expect(
      screen.getByText(
        /Still reading from AWS: SCPs, Service Catalog products/,
      ),
    ).toBeInTheDocument();
  });

  it('shows nothing when the snapshot is whole', async () => {
    const { container } = await renderInTestApp(<StaleSnapshotNote />);
    expect(container).toBeEmptyDOMElement();
  });
});
