import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { GuardrailException } from '@mlgov/plugin-ml-environments-common';
import { ProjectRecords } from '../projects/ProjectRecords';
import { notifyGroups } from '../notifyGroups';

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
      records: Pick<ProjectRecords, 'find'>;
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
    const record = await this.options.records.find(project);
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
    await notifyGroups(this.options, groups, {
      project,
      title,
      description,
      topic: EXCEPTIONS_TOPIC,
      severity,
    });
  }
}
