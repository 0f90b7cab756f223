import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GuardrailAlert,
  GuardrailBaseline,
  GuardrailExemption,
  GuardrailParameters,
  OrganizationSnapshot,
  alertChanges,
  guardrailAlerts,
} from '@mlgov/plugin-ml-environments-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { AlertStore } from '../../database/AlertStore';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';
import { ProjectRecords } from '../projects/ProjectRecords';
import { SnapshotConsumer } from './SnapshotPipeline';

/** The notifications' topic, for users to filter or mute them. */
export const GUARDRAIL_ALERTS_TOPIC = 'ml-environments-guardrails';

function describe(alert: GuardrailAlert) {
  return `${alert.guardrail} is ${alert.state} on ${alert.account}: ${alert.reason}`;
}

/** Missing or non-compliant guardrails are urgent; drift less; good news least. */
function severityOf(raised: GuardrailAlert[]) {
  if (raised.some(a => a.state === 'missing' || a.state === 'non-compliant')) {
    return 'high' as const;
  }
  return raised.length ? ('normal' as const) : ('low' as const);
}

/**
 * Tells each project's owner group when a snapshot shows a guardrail that
 * stopped holding on its accounts, and when it holds again: once per change,
 * not once per refresh, and from one replica only. The first snapshot after
 * installing is recorded without notifying anyone. A change is told only
 * once it has lasted `settleMs` (a provisioning run's passing states, a
 * problem fixed within minutes, are never news); a timer looks again at the
 * latest snapshot then, so a quiet organization is not left untold.
 */
export class StatusNotifier implements SnapshotConsumer {
  readonly name = 'Notifying owners';

  constructor(
    private readonly options: {
      store: AlertStore;
      notifications: NotificationService;
      /** The recorded owner of each project. */
      records: Pick<ProjectRecords, 'ownersByProject'>;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      /** The carve-outs of approved exceptions in force: lifted, not failing. */
      exceptions?: { exemptions(): Promise<GuardrailExemption[]> };
      logger: LoggerService;
      /** How long a change must last before it is told. Defaults to 0. */
      settleMs?: number;
      /** The latest snapshot, for the look again once changes settle. */
      snapshots?: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
      now?: () => number;
    },
  ) {}

  /** When each change not yet told was first seen, by `raise:`/`resolve:` key. */
  private readonly seenSince = new Map<string, number>();
  private recheck?: ReturnType<typeof setTimeout>;

  /** The changes that have lasted long enough; remembers the others. */
  private settled<T>(changes: T[], keyOf: (change: T) => string): T[] {
    const now = (this.options.now ?? Date.now)();
    const settleMs = this.options.settleMs ?? 0;
    return changes.filter(change => {
      const key = keyOf(change);
      const since = this.seenSince.get(key) ?? now;
      this.seenSince.set(key, since);
      return now - since >= settleMs;
    });
  }

  private scheduleRecheck() {
    const { settleMs = 0, snapshots } = this.options;
    if (!snapshots || settleMs <= 0 || this.recheck) return;
    this.recheck = setTimeout(async () => {
      this.recheck = undefined;
      const snapshot = await snapshots.latestSnapshot().catch(() => undefined);
      if (snapshot) {
        await this.notify(snapshot).catch(error =>
          this.options.logger.warn(
            `Notifying settled guardrail changes failed: ${error}`,
          ),
        );
      }
    }, settleMs + 1000);
    this.recheck.unref?.();
  }

  onSnapshotSaved(snapshot: OrganizationSnapshot) {
    return this.notify(snapshot);
  }

  async notify(snapshot: OrganizationSnapshot): Promise<void> {
    // A first read published stage by stage is not complete yet.
    if (snapshot.loading?.length) return;
    const { store } = this.options;
    const owners = await this.options.records.ownersByProject();
    const current = guardrailAlerts(snapshot, owners, {
      baseline: this.options.baseline,
      parameters: {
        ...this.options.parameters,
        exemptions: (await this.options.exceptions?.exemptions()) ?? [],
      },
    });
    const notified = await store.notified();
    if (!notified) {
      await store.baseline(current);
      return;
    }
    const changes = alertChanges(notified, current);
    // Changes that went away before they settled are forgotten.
    const pending = new Set([
      ...changes.raised.map(a => `raise:${a.key}:${a.state}`),
      ...changes.resolved.map(r => `resolve:${r.key}`),
    ]);
    for (const key of this.seenSince.keys()) {
      if (!pending.has(key)) this.seenSince.delete(key);
    }
    const raised = this.settled(
      changes.raised,
      a => `raise:${a.key}:${a.state}`,
    );
    const resolved = this.settled(changes.resolved, r => `resolve:${r.key}`);
    for (const a of raised) this.seenSince.delete(`raise:${a.key}:${a.state}`);
    for (const r of resolved) this.seenSince.delete(`resolve:${r.key}`);
    if (this.seenSince.size > 0) this.scheduleRecheck();
    const byProject = new Map<
      string,
      { raised: GuardrailAlert[]; resolved: number }
    >();
    const entry = (project: string) => {
      if (!byProject.has(project)) {
        byProject.set(project, { raised: [], resolved: 0 });
      }
      return byProject.get(project)!;
    };
    for (const alert of raised) {
      if (await store.raise(alert)) entry(alert.project).raised.push(alert);
    }
    for (const { key, project } of resolved) {
      if (await store.resolve(key)) entry(project).resolved += 1;
    }
    for (const [project, told] of byProject) {
      const owner = owners.get(project);
      if (owner) await this.send(project, owner, told);
    }
  }

  private async send(
    project: string,
    owner: string,
    changes: { raised: GuardrailAlert[]; resolved: number },
  ) {
    const { raised, resolved } = changes;
    const guardrails = raised.filter(a => a.kind === 'guardrail').length;
    const accounts = raised.length - guardrails;
    const parts = [
      guardrails && `${guardrails} guardrail problem(s)`,
      accounts && `${accounts} account state change(s)`,
      resolved && `${resolved} resolved`,
    ].filter(Boolean);
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: owner },
      payload: {
        title: `${project}: ${parts.join(', ')}`,
        description: [
          ...raised.map(describe),
          ...(resolved
            ? [
                `${resolved} problem(s) reported before (guardrails that did not hold, accounts not active) are gone.`,
              ]
            : []),
        ].join('\n'),
        link: `/catalog/default/system/${project}/ml-environment`,
        severity: severityOf(raised),
        topic: GUARDRAIL_ALERTS_TOPIC,
      },
    });
    this.options.logger.info(
      `Notified ${owner} about ${project}: ${parts.join(', ')}`,
    );
  }
}
