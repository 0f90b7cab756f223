import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ProjectRecords } from '../projects/ProjectRecords';
import { notifyGroups } from '../notifyGroups';
import { ApprovalNotice } from './ApprovalPolicy';

/**
 * Tells the deciders of new requests, and a project's owner group (from
 * the suite's record) of decisions, reminders and ends.
 */
export class ApprovalNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      logger: LoggerService;
      records: Pick<ProjectRecords, 'find'>;
      /** The notifications' topic, for users to filter or mute them. */
      topic: string;
      deciders: string[];
      /** How urgent a request is to its deciders; decisions are then normal. */
      requestSeverity?: 'high';
    },
  ) {}

  tellDeciders(project: string, notice: ApprovalNotice) {
    return this.tell(
      this.options.deciders,
      project,
      notice,
      this.options.requestSeverity,
    );
  }

  async tellOwner(project: string, notice: ApprovalNotice) {
    const record = await this.options.records.find(project);
    if (record) {
      await this.tell(
        [record.owner],
        project,
        notice,
        this.options.requestSeverity && 'normal',
      );
    }
  }

  private tell(
    groups: string[],
    project: string,
    notice: ApprovalNotice,
    severity?: 'high' | 'normal',
  ) {
    return notifyGroups(this.options, groups, {
      project,
      ...notice,
      topic: this.options.topic,
      severity,
    });
  }
}
