import {
  GuardrailBaseline,
  GuardrailParameters,
  OrganizationSnapshot,
  ouProblemKeys,
} from '@mlgov/plugin-ml-environments-common';
import { ProblemStore } from '../../database/ProblemStore';
import { SnapshotConsumer } from './SnapshotPipeline';

/** Records when each OU problem a saved snapshot shows was first seen. */
export class ProblemRecorder implements SnapshotConsumer {
  readonly name = 'Recording OU problems';

  constructor(
    private readonly options: {
      problems: Pick<ProblemStore, 'record'>;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
    },
  ) {}

  async onSnapshotSaved(snapshot: OrganizationSnapshot) {
    const { problems, baseline, parameters } = this.options;
    await problems.record(
      ouProblemKeys(snapshot, baseline, parameters),
      snapshot.takenAt,
    );
  }
}
