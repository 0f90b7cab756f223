import request from 'supertest';

/** Follows a refresh's progress (GET /refresh/{id}) until it ends. */
export async function refreshEnd(
  server: any,
  authorization: string,
  refreshId: string,
) {
  for (;;) {
    const progress = await request(server)
      .get(`/api/ml-environments/refresh/${refreshId}`)
      .set('authorization', authorization);
    if (progress.status !== 200 || progress.body.state !== 'running') {
      return progress;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** Asks for a refresh (202 at once) and follows it to the end. */
export async function refreshAndWait(server: any, authorization: string) {
  const started = await request(server)
    .post('/api/ml-environments/refresh')
    .set('authorization', authorization);
  if (started.status !== 202) return started;
  return refreshEnd(server, authorization, started.body.refreshId);
}

/** A refresh that must succeed, for a suite's setup (no expect outside tests). */
export async function refreshOrThrow(server: any, authorization: string) {
  const end = await refreshAndWait(server, authorization);
  if (end.body.state !== 'succeeded') {
    throw new Error(`The refresh did not succeed: ${JSON.stringify(end.body)}`);
  }
}
