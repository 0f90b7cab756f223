import { randomBytes, randomInt } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED_ALNUM = `${UPPER_ALNUM}abcdefghijklmnopqrstuvwxyz`;

export function randomString(length: number, alphabet = LOWER_ALNUM): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[bytes[i] % alphabet.length];
  }
  return out;
}

/** Ids in the formats of AWS's API models. */
export const ids = {
  organization: () => `o-${randomString(10)}`,
  root: () => `r-${randomString(4)}`,
  ou: (rootId: string) => `ou-${rootId.slice(2)}-${randomString(8)}`,
  account: () => String(randomInt(100000000000, 999999999999)),
  policy: () => `p-${randomString(8)}`,
  createAccountRequest: () => `car-${randomString(8)}`,
  operation: () =>
    [8, 4, 4, 4, 12].map(n => randomString(n, '0123456789abcdef')).join('-'),
  portfolio: () => `port-${randomString(13)}`,
  product: () => `prod-${randomString(13)}`,
  provisioningArtifact: () => `pa-${randomString(13)}`,
  provisionedProduct: () => `pp-${randomString(13)}`,
  record: () => `rec-${randomString(13)}`,
  constraint: () => `cons-${randomString(13)}`,
  shareToken: () => `share-${randomString(13)}`,
  randomEnabledControl: () => randomString(16, UPPER_ALNUM),
  domain: () => `d-${randomString(12)}`,
  accessKey: () => `ASIA${randomString(16, UPPER_ALNUM)}`,
  secret: () => randomString(40, MIXED_ALNUM),
  requestId: () =>
    [8, 4, 4, 4, 12].map(n => randomString(n, '0123456789abcdef')).join('-'),
};
