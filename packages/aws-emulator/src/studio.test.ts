import {
  CreateDomainCommand,
  CreatePresignedDomainUrlCommand,
  CreateUserProfileCommand,
  DeleteUserProfileCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { RunningEmulator } from './server.ts';
import { clientConfig, startTestEmulator } from './__testUtils__/emulator.ts';

describe('the emulated SageMaker Studio page', () => {
  let emulator: RunningEmulator;
  let sageMaker: SageMakerClient;
  let domainId: string;
  let account: string;

  beforeEach(async () => {
    // The management account, which no service control policy restricts.
    ({ emulator } = await startTestEmulator());
    account = emulator.state.managementAccountId;
    sageMaker = new SageMakerClient(clientConfig(emulator));
    const { DomainArn } = await sageMaker.send(
      new CreateDomainCommand({
        DomainName: 'churn-studio',
        AuthMode: 'IAM',
        DefaultUserSettings: {
          ExecutionRole: `arn:aws:iam::${account}:role/SageMakerExecution`,
        },
        SubnetIds: ['subnet-0123456789abcdef0'],
        VpcId: 'vpc-0123456789abcdef0',
      }),
    );
    domainId = DomainArn!.split('/').pop()!;
    await sageMaker.send(
      new CreateUserProfileCommand({
        DomainId: domainId,
        UserProfileName: 'ada',
      }),
    );
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await emulator.close();
  });

  /** A presigned Studio URL for ada, through the SDK as the suite asks for it. */
  async function signInLink(expiresInSeconds = 300) {
    const { AuthorizedUrl } = await sageMaker.send(
      new CreatePresignedDomainUrlCommand({
        DomainId: domainId,
        UserProfileName: 'ada',
        ExpiresInSeconds: expiresInSeconds,
        SessionExpirationDurationInSeconds: 1800,
      }),
    );
    return AuthorizedUrl!;
  }

  it('opens once, on the emulator itself, saying which domain, profile and account', async () => {
    const url = await signInLink();
    expect(url).toMatch(
      new RegExp(
        `^${emulator.url}/_studio/${domainId}/auth\\?token=[a-z0-9]{64}$`,
      ),
    );

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>SageMaker Studio \(emulated\): ada in d-/);
    expect(html).toContain('<h1>SageMaker Studio (emulated)</h1>');
    expect(html).toMatch(/<main>[\s\S]*<\/main>/);
    expect(html).toContain(`<dd>${domainId} (churn-studio)</dd>`);
    expect(html).toContain('<dd>ada</dd>');
    expect(html).toContain(`<dd>${account}</dd>`);
    expect(html).toContain('This is the local AWS emulator, not AWS');

    const again = await fetch(url);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('has been used already');
  });

  it('refuses a link after its ExpiresInSeconds', async () => {
    const url = await signInLink(5);
    const issued = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(issued + 6_000);

    const page = await fetch(url);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('<h1>Sign-in refused</h1>');
    expect(html).toContain('This sign-in link expired at');
    expect(html).not.toContain('<dd>ada</dd>');
  });

  it('refuses a link it did not make, one for another domain, and one whose profile is gone', async () => {
    const url = await signInLink();
    const forged = url.replace(/token=.*/, `token=${'a'.repeat(64)}`);
    expect((await fetch(forged)).status).toBe(403);
    const elsewhere = url.replace(domainId, 'd-000000000000');
    expect((await fetch(elsewhere)).status).toBe(403);
    expect((await fetch(`${emulator.url}/_studio/`)).status).toBe(403);

    await sageMaker.send(
      new DeleteUserProfileCommand({
        DomainId: domainId,
        UserProfileName: 'ada',
      }),
    );
    const gone = await fetch(url);
    expect(gone.status).toBe(403);
    expect(await gone.text()).toContain(
      `The user profile ada no longer exists in domain ${domainId}.`,
    );
  });

  it('forgets its links when the emulator is reset', async () => {
    const url = await signInLink();
    emulator.reset();
    expect((await fetch(url)).status).toBe(403);
  });

  it('serves GET only', async () => {
    const url = await signInLink();
    const posted = await fetch(url, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
    // The link was not spent by the refused method.
    expect((await fetch(url)).status).toBe(200);
  });
});
