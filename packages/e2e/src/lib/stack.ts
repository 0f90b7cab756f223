// The dev stack (`npm run dev`) as the end-to-end checks reach it: its
// addresses, and the guest's sign-in.

/** The dev app's frontend, backend and AWS emulator. */
export const FRONTEND = 'http://localhost:3000';
export const BACKEND = 'http://localhost:7007';
export const EMULATOR = 'http://127.0.0.1:4599';

/** What a sign-in returns: the token and whom it stands for. */
export type BackstageIdentity = {
  token: string;
  identity?: { userEntityRef?: string; ownershipEntityRefs?: string[] };
};

/** The guest's identity from the backend's guest provider, if it answers. */
export async function guestSignIn(
  backend: string,
): Promise<BackstageIdentity | undefined> {
  const refresh = await fetch(`${backend}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  }).catch(() => undefined);
  return refresh?.ok
    ? ((await refresh.json()) as { backstageIdentity?: BackstageIdentity })
        .backstageIdentity
    : undefined;
}

/** The `authorization` header of a token. */
export function bearer(token: string | undefined): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
