/**
 * When each guardrail problem of an OU was first seen. Every replica that
 * saves a snapshot records it; the first sighting wins and stays until the
 * problem is gone.
 */
export interface ProblemStore {
  /** Records the problems a snapshot shows (by key); forgets the others. */
  record(keys: string[], seenAt: string): Promise<void>;
  /** First sightings by key, as ISO timestamps. */
  since(): Promise<Record<string, string>>;
}
