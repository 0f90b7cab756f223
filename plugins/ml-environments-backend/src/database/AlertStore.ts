/**
 * The guardrail problems the owners were told about. Each write says
 * whether this replica made it, so that exactly one replica notifies.
 */
export interface AlertStore {
  /** The notified alerts by key, or undefined before the first baseline. */
  notified(): Promise<
    Map<string, { state: string; project: string }> | undefined
  >;
  /** Records the alerts found first, so that installing notifies nobody. */
  baseline(
    alerts: Array<{ key: string; project: string; state: string }>,
  ): Promise<void>;
  /** Records an alert's new state; true when this call made the change. */
  raise(alert: {
    key: string;
    project: string;
    state: string;
  }): Promise<boolean>;
  /** Forgets a resolved alert; true when this call removed it. */
  resolve(key: string): Promise<boolean>;
}
