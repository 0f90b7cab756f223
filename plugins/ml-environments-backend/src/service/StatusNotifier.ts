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
import { AlertStore } from '../database/AlertStore';

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
 * installing is recorded without notifying anyone.
 */
export class StatusNotifier {
  constructor(
    private readonly options: {
      store: AlertStore;
      notifications: NotificationService;
      ownersByProject: () => Promise<Map<string, string>>;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      /** The carve-outs of approved exceptions in force: lifted, not failing. */
      exemptions?: () => Promise<GuardrailExemption[]>;
      logger: LoggerService;
    },
  ) {}

  async notify(snapshot: OrganizationSnapshot): Promise<void> {
    // A first read published stage by stage is not complete yet.
    if (snapshot.loading?.length) return;
    const { store } = this.options;
    const owners = await this.options.ownersByProject();
    const current = guardrailAlerts(snapshot, owners, {
      baseline: this.options.baseline,
      parameters: {
        ...this.options.parameters,
        exemptions: (await this.options.exemptions?.()) ?? [],
      },
    });
    const notified = await store.notified();
    if (!notified) {
      await store.baseline(current);
      return;
    }
    const { raised, resolved } = alertChanges(notified, current);
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
    for (const [project, changes] of byProject) {
      const owner = owners.get(project);
      if (owner) await this.send(project, owner, changes);
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
