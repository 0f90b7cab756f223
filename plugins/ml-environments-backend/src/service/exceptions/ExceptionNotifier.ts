import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { GuardrailException } from '@mlgov/plugin-ml-environments-common';
import { ProjectRegistry } from '../ProjectRegistry';

/** The notifications' topic, for users to filter or mute them. */
export const EXCEPTIONS_TOPIC = 'ml-environments-exceptions';

/** What an exception's audit entries and notices say about it. */
export function exceptionDetail(e: GuardrailException) {
  return {
    exceptionId: e.id,
    accountId: e.accountId,
    guardrailId: e.guardrailId,
    endsAt: e.endsAt,
  };
}

/**
 * Tells approvers of requests and a project's owner group (from the
 * suite's record) of decisions, reminders and ends.
 */
export class ExceptionNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      projects: Pick<ProjectRegistry, 'find'>;
      approverGroups: string[];
      logger: LoggerService;
    },
  ) {}

  async tellApprovers(project: string, title: string, description: string) {
    await this.tell(
      this.options.approverGroups,
      title,
      description,
      project,
      'high',
    );
  }

  async tellOwner(project: string, title: string, description: string) {
    const record = await this.options.projects.find(project);
    if (record) {
      await this.tell([record.owner], title, description, project, 'normal');
    }
  }

  private async tell(
    groups: string[],
    title: string,
    description: string,
    project: string,
    severity: 'high' | 'normal',
  ) {
    for (const entityRef of groups) {
      // The act is recorded already; a notification that fails must not
      // turn it into an error for the user, who would then repeat it.
      await this.options.notifications
        .send({
          recipients: { type: 'entity', entityRef },
          payload: {
            title,
            description,
            link: `/catalog/default/system/${project}/ml-environment`,
            severity,
            topic: EXCEPTIONS_TOPIC,
          },
        })
        .catch(error =>
          this.options.logger.warn(
            `Could not notify ${entityRef} of "${title}": ${error}`,
          ),
        );
    }
  }
}
