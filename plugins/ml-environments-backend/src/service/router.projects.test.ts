import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asTask,
  asUser,
  churnSystem,
  createTaggedAccount,
  membersOf,
  demoBackend,
} from './__testUtils__/demoBackend';

describe('ml-environments project routes', () => {
  const backendFactory = demoBackend();
  const { backend, emulator } = backendFactory;

  describe("the suite's record decides who owns a project", () => {
    const teams = membersOf({
      [GUEST]: ['group:default/team-churn'],
      [MALLORY]: ['group:default/team-fraud'],
    });
    const claim = (server: any, who: string, project: string, body: object) =>
      request(server)
        .post(`/api/ml-environments/projects/${project}/provisioning`)
        .set('authorization', asTask(who))
        .send({ pattern: 'mlops', taskId: 'task-1', ...body });

    it("refuses a takeover of another team's project, and serves its real owner", async () => {
      const { server } = await backend(teams);
      const takeover = await claim(server, GUEST, 'fraud-detection', {
        owner: 'group:default/team-churn',
      });
      expect(takeover.status).toBe(403);
      expect(takeover.body.error.message).toBe(
        'user:default/guest may not provision ML project fraud-detection: it is owned by group:default/team-fraud, and only its members can change it',
      );
      const record = await request(server)
        .get('/api/ml-environments/projects/fraud-detection/record')
        .set('authorization', asUser(MALLORY));
      expect(record.body).toMatchObject({
        owner: 'group:default/team-fraud',
        pattern: 'mlops',
        origin: 'adopted',
      });
      expect(record.body.accounts).toHaveLength(4);

      const owner = await claim(server, MALLORY, 'fraud-detection', {
        owner: 'group:default/team-fraud',
      });
      expect(owner.status).toBe(200);
      expect(owner.body.record.lock).toMatchObject({
        taskId: 'task-1',
        by: MALLORY,
      });

      const audit = await request(server)
        .get('/api/ml-environments/audit?project=fraud-detection')
        .set('authorization', asUser(MALLORY));
      expect(audit.body.items.map((e: any) => [e.action, e.actor])).toEqual([
        ['provision.start', MALLORY],
        ['provision.refused', GUEST],
        ['adopt', 'config:mlEnvironments.projects.adopt'],
      ]);
    });

    it("refuses a pattern other than the project's recorded one", async () => {
      const { server } = await backend(teams);
      const mixed = await claim(server, GUEST, 'nlp-playground', {
        owner: 'group:default/team-churn',
      });
      expect(mixed.status).toBe(409);
      expect(mixed.body.error.message).toMatch(
        /^ML project nlp-playground follows the sandbox pattern, not mlops/,
      );
    });

    it('ignores catalog Systems that claim a project: no annotation grants or locks out Studio', async () => {
      const claimant = {
        ...churnSystem,
        metadata: {
          name: 'not-fraud-detection',
          annotations: {
            'ml-environments.io/project': 'fraud-detection',
            'ml-environments.io/pattern': 'mlops',
          },
        },
        spec: { owner: 'group:default/team-churn' },
      };
      const squatter = {
        ...churnSystem,
        metadata: { ...churnSystem.metadata, name: 'aaa-churn-squatter' },
        spec: { owner: 'group:default/team-fraud' },
      };
      const { server } = await backend(teams, [squatter, claimant]);
      const stolen = await request(server)
        .post('/api/ml-environments/projects/fraud-detection/studio-url')
        .set('authorization', asUser(GUEST));
      expect(stolen.status).toBe(403);
      expect(stolen.body.error.message).toBe(
        'Only members of group:default/team-fraud, which owns fraud-detection, can open its SageMaker Studio',
      );
      const own = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/studio-url')
        .set('authorization', asUser(GUEST));
      expect(own.status).toBe(200);
      expect(own.body.url).toMatch(/\/_studio\/d-[a-z0-9]+\/auth\?token=/);
    });

    it('starts a new project for a group the user is in, one task at a time', async () => {
      const { server } = await backend(teams);
      const first = await claim(server, GUEST, 'credit-risk', {
        owner: 'group:default/team-churn',
      });
      expect(first.status).toBe(200);
      expect(first.body.record).toMatchObject({
        owner: 'group:default/team-churn',
        origin: 'provisioned',
        createdBy: GUEST,
      });
      const second = await claim(server, GUEST, 'credit-risk', {
        owner: 'group:default/team-churn',
        taskId: 'task-2',
      });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe(
        'ML project credit-risk is being provisioned by task task-1 (started by user:default/guest); wait for it to finish, then run again',
      );
      const dev = await createTaggedAccount(emulator(), 'credit-risk-dev', {
        'ml-project': 'credit-risk',
        'ml-stage': 'dev',
        owner: 'group:default/team-churn',
      });
      const done = await request(server)
        .post('/api/ml-environments/projects/credit-risk/provisioning/complete')
        .set('authorization', asTask(GUEST))
        .send({
          taskId: 'task-1',
          accounts: [{ stage: 'dev', accountId: dev }],
        });
      expect(done.status).toBe(200);
      expect(done.body.lock).toBeUndefined();
      expect(done.body.accounts).toEqual([{ stage: 'dev', accountId: dev }]);
      const rerun = await claim(server, GUEST, 'credit-risk', {
        owner: 'group:default/team-churn',
        taskId: 'task-2',
      });
      expect(rerun.status).toBe(200);
    });

    it.each([
      [
        'a group the user is not in',
        'new-project',
        'group:default/team-fraud',
        403,
        "user:default/guest is not a member of group:default/team-fraud; pick a group you belong to as the project's owner",
      ],
      [
        'a group missing from the catalog',
        'new-project',
        'group:default/team-churn-typo',
        400,
        'Owner group:default/team-churn-typo is not a Group in the catalog; pick an existing group',
      ],
      [
        'a name that AWS accounts outside the record carry',
        'demand-forecast',
        'group:default/team-churn',
        409,
        'The name demand-forecast is taken: AWS accounts 220000000011 are tagged ml-project=demand-forecast but the suite has no record of that project; choose another name, or ask an administrator to adopt it',
      ],
    ])(
      'refuses a new project owned by %s',
      async (_, project, owner, status, message) => {
        const { server } = await backend(
          membersOf({
            [GUEST]: [
              'group:default/team-churn',
              'group:default/team-churn-typo',
            ],
          }),
        );
        const res = await claim(server, GUEST, project, { owner });
        expect(res.status).toBe(status);
        expect(res.body.error.message).toBe(message);
      },
    );

    it('refuses Studio and exceptions for an account AWS says is closing now, whatever the snapshot says', async () => {
      const { server } = await backend(teams);
      const record = await request(server)
        .get('/api/ml-environments/projects/churn-prediction/record')
        .set('authorization', asUser(GUEST));
      const dev = record.body.accounts.find((a: any) => a.stage === 'dev');
      const account = emulator().state.accounts.get(dev.accountId)!;
      const was = account.state;
      account.state = 'PENDING_CLOSURE';
      try {
        const studio = await request(server)
          .post('/api/ml-environments/projects/churn-prediction/studio-url')
          .set('authorization', asUser(GUEST));
        expect(studio.status).toBe(409);
        expect(studio.body.error.message).toBe(
          `SageMaker Studio is not available for ML project churn-prediction: account ${dev.accountId} is pending closure`,
        );
        const exception = await request(server)
          .post('/api/ml-environments/projects/churn-prediction/exceptions')
          .set('authorization', asUser(GUEST))
          .send({
            accountId: dev.accountId,
            guardrailId: 'deny-sagemaker-hosting',
            reason: 'One real-time endpoint for the board demo',
            endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          });
        expect(exception.status).toBe(409);
        expect(exception.body.error.message).toMatch(
          /^A guardrail exception is not available for ML project churn-prediction: account \d{12} is pending closure$/,
        );
      } finally {
        account.state = was;
      }
      const open = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/studio-url')
        .set('authorization', asUser(GUEST));
      expect(open.status).toBe(200);
    });

    it('answers the name check by the rule the claim applies', async () => {
      const { server } = await backend(teams);
      const ask = async (who: string, project: string) =>
        (
          await request(server)
            .get(`/api/ml-environments/projects/${project}/availability`)
            .set('authorization', asUser(who))
        ).body;
      const taken = await ask(GUEST, 'demand-forecast');
      const claimed = await claim(server, GUEST, 'demand-forecast', {
        owner: 'group:default/team-churn',
      });
      expect(taken).toMatchObject({ available: false });
      expect(claimed.status).toBe(409);
      expect(claimed.body.error.message).toBe(taken.reason);
      expect(await ask(GUEST, 'risk-model')).toEqual({
        available: true,
        reason: "'risk-model' is free",
      });
      expect(await ask(MALLORY, 'churn-prediction')).toEqual({
        available: false,
        kind: 'other-team',
        reason:
          "'churn-prediction' is team-churn's project: choose another name",
      });
      expect((await ask(GUEST, 'churn-prediction')).available).toBe(true);
    });

    it('fails closed before the first complete snapshot: no claim, adoption or "free" name', async () => {
      const { startBackend } = backendFactory;
      // No scheduled read during the test: nothing but a refresh would read AWS.
      const { server } = await startBackend([teams], [], {
        schedule: {
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { hours: 1 },
        },
      });
      const name = await request(server)
        .get('/api/ml-environments/projects/credit-risk/availability')
        .set('authorization', asUser(GUEST));
      expect(name.body).toEqual({
        available: false,
        reason: expect.stringMatching(
          /^The suite has not finished its first read of the AWS organization/,
        ),
      });
      const early = await claim(server, GUEST, 'churn-prediction', {
        owner: 'group:default/team-churn',
      });
      expect(early.status).toBe(503);
      expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
      expect(early.body.error.message).toMatch(/try again in \d+ s$/);
    });

    it('moves a project to another owner only by transfer, audited', async () => {
      const { server } = await backend(teams);
      const moved = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/transfer')
        .set('authorization', asUser(GUEST))
        .send({ owner: 'group:default/team-fraud', reason: 'team merger' });
      expect(moved.status).toBe(200);
      expect(moved.body.owner).toBe('group:default/team-fraud');
      const formerOwner = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/studio-url')
        .set('authorization', asUser(GUEST));
      expect(formerOwner.status).toBe(403);
      const audit = await request(server)
        .get('/api/ml-environments/audit?project=churn-prediction&limit=1')
        .set('authorization', asUser(GUEST));
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'transfer',
          actor: GUEST,
          detail: {
            from: 'group:default/team-churn',
            to: 'group:default/team-fraud',
            reason: 'team merger',
          },
        }),
      ]);
    });
  });
});
