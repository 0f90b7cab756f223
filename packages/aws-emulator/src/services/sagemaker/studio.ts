// SageMaker Studio, as far as the emulator can offer it: the URL
// CreatePresignedDomainUrl answers leads to a page on the emulator's own
// endpoint (there is no *.studio.<region>.sagemaker.aws host to go to), which
// checks the link as AWS does (once, within ExpiresInSeconds) and then says
// which domain and user profile were opened. No JupyterLab runs behind it.
import type http from 'node:http';
import { randomString } from '../../ids.ts';
import type { Reply } from '../../serverWire.ts';
import type { DomainRecord, EmulatorState } from '../../state.ts';

/** Where the Studio pages are served, below the emulator's endpoint. */
export const STUDIO_PATH_PREFIX = '/_studio/';

interface StudioSignIn {
  domainId: string;
  userProfileName: string;
  accountId: string;
  /** Epoch ms after which the link no longer signs in. */
  expiresAt: number;
  sessionSeconds: number;
  used: boolean;
}

// Per state, so a reset (which replaces the state) forgets every link.
const signIns = new WeakMap<EmulatorState, Map<string, StudioSignIn>>();

function signInsOf(state: EmulatorState) {
  let map = signIns.get(state);
  if (!map) {
    map = new Map();
    signIns.set(state, map);
  }
  return map;
}

/**
 * The AuthorizedUrl of CreatePresignedDomainUrl: a one-time link to the
 * emulator's Studio page for the profile, valid for `expiresInSeconds`.
 * `endpoint` is the endpoint the call was made to (CallContext.endpoint), so
 * the link works wherever the caller could reach the emulator. The caller
 * has checked the domain, the profile and the durations.
 */
export function presignedStudioUrl(
  state: EmulatorState,
  endpoint: string,
  request: {
    domain: DomainRecord;
    userProfileName: string;
    expiresInSeconds: number;
    sessionSeconds: number;
  },
  now = Date.now(),
): string {
  const token = randomString(64);
  signInsOf(state).set(token, {
    domainId: request.domain.id,
    userProfileName: request.userProfileName,
    accountId: request.domain.accountId,
    expiresAt: now + request.expiresInSeconds * 1000,
    sessionSeconds: request.sessionSeconds,
    used: false,
  });
  return `${endpoint.replace(
    /\/+$/,
    '',
  )}${STUDIO_PATH_PREFIX}${encodeURIComponent(
    request.domain.id,
  )}/auth?token=${token}`;
}

/**
 * The answer to a request for a Studio page (`/_studio/<domain>/auth?token=`),
 * or undefined if the request is for something else. A link is refused (403)
 * when it is unknown, already used, expired, or its profile or domain is gone.
 */
export function handleStudio(
  state: EmulatorState,
  req: http.IncomingMessage,
  now = Date.now(),
): Reply | undefined {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (!url.pathname.startsWith(STUDIO_PATH_PREFIX)) return undefined;
  if (req.method !== 'GET') {
    return refusal(405, 'Only GET is served here.', { allow: 'GET' });
  }
  const match = /^\/_studio\/([^/]+)\/auth$/.exec(url.pathname);
  const token = url.searchParams.get('token') ?? '';
  const signIn = signInsOf(state).get(token);
  if (!match || !signIn || match[1] !== encodeURIComponent(signIn.domainId)) {
    return refusal(403, 'This sign-in link is not one the emulator made.');
  }
  if (signIn.used) {
    return refusal(
      403,
      'This sign-in link has been used already; a presigned Studio URL signs in once. Ask for a new one (Open SageMaker Studio).',
    );
  }
  if (now > signIn.expiresAt) {
    return refusal(
      403,
      `This sign-in link expired at ${new Date(
        signIn.expiresAt,
      ).toISOString()}. (AWS sends an expired link to the console sign-in page.) Ask for a new one (Open SageMaker Studio).`,
    );
  }
  signIn.used = true;
  state.settle(now);
  const domain = state.domains.get(signIn.domainId);
  const profile = state.userProfiles.get(
    `${signIn.domainId}/${signIn.userProfileName}`,
  );
  if (!domain || domain.status === 'Deleting') {
    return refusal(403, `The domain ${signIn.domainId} no longer exists.`);
  }
  if (!profile || profile.status === 'Deleting') {
    return refusal(
      403,
      `The user profile ${signIn.userProfileName} no longer exists in domain ${signIn.domainId}.`,
    );
  }
  const region = domain.arn.split(':')[3];
  const sessionEnds = new Date(now + signIn.sessionSeconds * 1000);
  return htmlReply(
    200,
    `SageMaker Studio (emulated): ${profile.name} in ${domain.id}`,
    `<h1>SageMaker Studio (emulated)</h1>
<p>The presigned URL was accepted: you are signed in to Studio domain
<strong>${escape(domain.id)}</strong> as user profile
<strong>${escape(profile.name)}</strong>.</p>
<dl>
<dt>Domain</dt><dd>${escape(domain.id)} (${escape(domain.name)})</dd>
<dt>User profile</dt><dd>${escape(profile.name)}</dd>
<dt>Account</dt><dd>${escape(domain.accountId)}</dd>
<dt>Region</dt><dd>${escape(region)}</dd>
<dt>Session</dt><dd>${signIn.sessionSeconds} seconds, until
<time datetime="${sessionEnds.toISOString()}">${sessionEnds.toISOString()}</time></dd>
</dl>
<p>This is the local AWS emulator, not AWS: no JupyterLab, apps, spaces or
storage run behind this page. The link worked once, as AWS's do; to open
Studio again, ask for a new link.</p>`,
  );
}

function refusal(
  status: number,
  reason: string,
  headers: Record<string, string> = {},
): Reply {
  return htmlReply(
    status,
    'SageMaker Studio (emulated): sign-in refused',
    `<h1>Sign-in refused</h1>
<p>${escape(reason)}</p>
<p>This is the local AWS emulator's stand-in for SageMaker Studio, not AWS.</p>`,
    headers,
  );
}

function htmlReply(
  status: number,
  title: string,
  main: string,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      // The URL carries a credential: keep it out of caches and referrers.
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
    body: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
</head>
<body>
<header><p>Local AWS emulator</p></header>
<main>
${main}
</main>
</body>
</html>
`,
  };
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );
}
