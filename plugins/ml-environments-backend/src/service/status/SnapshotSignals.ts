import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ML_ENVIRONMENTS_SIGNAL_CHANNEL,
  OrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-common';
import { SnapshotConsumer } from './SnapshotPipeline';

/**
 * Tells open pages that a new snapshot is saved, so they read it again. The
 * message carries only when it was read and whether it is complete: every
 * signed-in user may read the status, and the page reads it through the
 * routes, which check permissions.
 */
export class SnapshotSignals implements SnapshotConsumer {
  readonly name = 'Signalling open pages';

  constructor(private readonly signals: SignalsService) {}

  async onSnapshotSaved(snapshot: OrganizationSnapshot) {
    await this.signals.publish({
      recipients: { type: 'broadcast' },
      channel: ML_ENVIRONMENTS_SIGNAL_CHANNEL,
      message: {
        takenAt: snapshot.takenAt,
        loading: snapshot.loading?.length ?? 0,
      },
    });
  }
}
