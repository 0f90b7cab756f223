/**
 * Topics of the events the ML environments plugins send each other through
 * Backstage's events service, so that a freshly provisioned project shows up
 * on its entity page and in the catalog without waiting for a schedule.
 *
 * @public
 */
export const ML_ENVIRONMENTS_TOPICS = {
  /** A template provisioned a project; payload `{ project, accountIds }`. */
  projectProvisioned: 'ml-environments.project-provisioned',
  /** A template retired a project; payload `{ project, accountIds }`. */
  projectRetired: 'ml-environments.project-retired',
  /** The status backend saved a new snapshot; payload `{ takenAt }`. */
  snapshotRefreshed: 'ml-environments.snapshot-refreshed',
} as const;

/**
 * The signals channel on which the status backend announces each saved
 * snapshot (`{ takenAt, loading }`), for open pages to read it again.
 *
 * @public
 */
export const ML_ENVIRONMENTS_SIGNAL_CHANNEL = 'ml-environments:snapshot';

/**
 * The signals channel on which the backend says that guardrail exceptions or
 * data grants changed (asked, decided, applied, ended), so open cards read
 * their lists again. The message carries only when, never what.
 *
 * @public
 */
export const ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL =
  'ml-environments:requests';
