// 1. Both replicas serve, and the scheduled snapshot refresh runs once per
// interval across the two (the scheduler's lock in the shared database).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '../lib/processes.ts';
import type { Check } from '../lib/report.ts';
import { REFRESH_SECONDS } from './config.ts';
import { replicas, type Api } from './replica.ts';

export async function checkServingAndRefresh(
  api: Api,
  check: Check,
): Promise<void> {
  const served = await waitFor(async () => {
    const answers = await Promise.all(
      replicas.map(r => api(r, '/api/ml-environments/organization')),
    );
    return answers.every(a => a.status === 200) ? answers : undefined;
  }, 120_000);
  check(
    'both replicas serve the organization view from the one snapshot',
    Boolean(served) && served![0].body.takenAt === served![1].body.takenAt,
    served?.map(a => a.body.takenAt).join(' / '),
  );
  const windowStart = Date.now();
  await sleep(REFRESH_SECONDS * 3.5 * 1000);
  const refreshes = replicas
    .flatMap(r =>
      readFileSync(r.log, 'utf8')
        .split('\n')
        .filter(line => line.includes('Refreshed the organization snapshot'))
        .map(line => ({
          replica: r.name,
          at: Date.parse(JSON.parse(line).timestamp),
        })),
    )
    .filter(r => r.at >= windowStart)
    .sort((a, b) => a.at - b.at);
  const gaps = refreshes.slice(1).map((r, i) => r.at - refreshes[i].at);
  check(
    `one scheduled refresh per ${REFRESH_SECONDS} s interval across both replicas`,
    refreshes.length >= 2 &&
      refreshes.length <= 4 &&
      gaps.every(gap => gap >= REFRESH_SECONDS * 500),
    `${refreshes.map(r => r.replica).join(',')}; gaps ${gaps
      .map(g => `${Math.round(g / 1000)} s`)
      .join(', ')}`,
  );
}
