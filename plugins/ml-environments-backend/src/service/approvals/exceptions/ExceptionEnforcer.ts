import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GuardrailException,
  GuardrailParameters,
  ScpGuardrail,
  findGuardrail,
  scpOfGuardrail,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  ensurePolicyDocument,
  validateScpContent,
} from '@mlgov/plugin-ml-environments-node';
import { ExceptionStore } from '../../../database/ExceptionStore';
import { ProjectRecords } from '../../projects/ProjectRecords';
import { ApprovalNotifier } from '../ApprovalNotifier';
import { exceptionDetail } from './GuardrailExceptionPolicy';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes the SCPs in AWS carry exactly the carve-outs of the approved,
 * unexpired exceptions, records what it found in place, and reminds owners
 * before an exception ends. Safe to run anywhere at any time: it only ever
 * writes what the record says.
 */
export class ExceptionEnforcer {
  constructor(
    private readonly options: {
      store: ExceptionStore;
      records: Pick<ProjectRecords, 'audit'>;
      clients: Pick<MlAwsClients, 'organizations'>;
      parameters: GuardrailParameters;
      notifier: Pick<ApprovalNotifier, 'tellOwner'>;
      logger: LoggerService;
      now: () => Date;
    },
  ) {}

  /** The parameters with the carve-outs in force, for documents and views. */
  async parameters(): Promise<GuardrailParameters> {
    return {
      ...this.options.parameters,
      exemptions: await this.options.store.exemptions(this.options.now()),
    };
  }

  async enforce(): Promise<void> {
    const { store, logger } = this.options;
    const now = this.options.now();
    const parameters = await this.parameters();
    const unsettled = await store.unsettled(now);
    const guardrailIds = new Set([
      ...parameters.exemptions!.map(e => e.guardrailId),
      ...unsettled.map(e => e.guardrailId),
    ]);
    if (guardrailIds.size > 0) {
      const client = await this.options.clients.organizations();
      for (const guardrailId of guardrailIds) {
        const guardrail = findGuardrail(guardrailId);
        if (guardrail?.kind !== 'scp') continue;
        try {
          await this.enforceGuardrail(client, guardrail, parameters, unsettled);
        } catch (error) {
          // The next run tries again; one policy must not hold up the others.
          logger.warn(
            `Could not bring the SCP of ${guardrailId} in line with its exceptions: ${error}`,
          );
        }
      }
    }
    await this.remind(now);
  }

  private async enforceGuardrail(
    client: Awaited<ReturnType<MlAwsClients['organizations']>>,
    guardrail: ScpGuardrail,
    parameters: GuardrailParameters,
    unsettled: GuardrailException[],
  ) {
    const { store, logger, records, notifier } = this.options;
    const policy = scpOfGuardrail(guardrail, parameters);
    const problems = await validateScpContent(policy.name, policy.content);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const outcome = await ensurePolicyDocument(
      client,
      policy.name,
      policy.content,
    );
    if (outcome === 'absent') {
      logger.warn(
        `${policy.name} does not exist, so its exceptions have nothing to lift; the status shows the guardrail as missing`,
      );
      return;
    }
    if (outcome === 'updated') {
      logger.info(`Updated ${policy.name} to the carve-outs of its exceptions`);
    }
    const now = this.options.now();
    const mine = unsettled.filter(e => e.guardrailId === guardrail.id);
    const applied = mine.filter(e => e.state === 'active');
    await store.markApplied(
      applied.map(e => e.id),
      now,
    );
    for (const e of applied) {
      await records.audit(
        'ml-environments',
        e.project,
        'exception.apply',
        exceptionDetail(e),
      );
    }
    const ended = mine.filter(e => e.state !== 'active');
    for (const id of await store.markRemoved(
      ended.map(e => e.id),
      now,
    )) {
      const e = ended.find(x => x.id === id)!;
      await records.audit(
        'ml-environments',
        e.project,
        'exception.remove',
        exceptionDetail(e),
      );
      if (e.state === 'expired') {
        await notifier.tellOwner(e.project, {
          title: `${e.project}: the exception for ${e.guardrailId} on ${e.accountId} ended`,
          description: `It ended on ${e.endsAt.slice(
            0,
            10,
          )}; the guardrail applies again.`,
        });
      }
    }
  }

  /** Tells owners once, 7 days and 1 day before an exception ends. */
  private async remind(now: Date) {
    const { store, notifier } = this.options;
    for (const e of await store.list({ state: 'active' }, now)) {
      const left = new Date(e.endsAt).getTime() - now.getTime();
      const length =
        new Date(e.endsAt).getTime() -
        new Date(e.decidedAt ?? e.requestedAt).getTime();
      let reminder: '1d' | '7d' | undefined;
      if (left <= DAY_MS && length > DAY_MS) reminder = '1d';
      else if (left <= 7 * DAY_MS && length > 7 * DAY_MS) reminder = '7d';
      if (reminder && (await store.remind(e.id, reminder))) {
        await notifier.tellOwner(e.project, {
          title: `${e.project}: the exception for ${e.guardrailId} on ${
            e.accountId
          } ends ${reminder === '1d' ? 'within a day' : 'within 7 days'}`,
          description: `It ends on ${e.endsAt}; ask for a new one if it is still needed.`,
        });
      }
    }
  }
}
