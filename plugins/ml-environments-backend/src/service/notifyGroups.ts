import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';

/**
 * Tells each group of a change to a project, linking its ML environment tab.
 * The act is recorded already: a notification that fails is logged, never
 * turned into an error for the user, who would then repeat the act.
 */
export async function notifyGroups(
  deps: { notifications: NotificationService; logger: LoggerService },
  groups: string[],
  notice: {
    project: string;
    title: string;
    description: string;
    topic: string;
    severity?: 'high' | 'normal';
  },
) {
  const { project, title, description, topic, severity } = notice;
  for (const entityRef of groups) {
    await deps.notifications
      .send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title,
          description,
          link: `/catalog/default/system/${project}/ml-environment`,
          topic,
          ...(severity ? { severity } : {}),
        },
      })
      .catch(error =>
        deps.logger.warn(
          `Could not notify ${entityRef} of "${title}": ${error}`,
        ),
      );
  }
}
