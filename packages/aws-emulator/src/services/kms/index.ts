// A minimal KMS: the customer keys and aliases products' stacks create,
// read back with DescribeKey and ListAliases; nothing is encrypted.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import type { Handlers } from '../../context.ts';
import type { EmulatorState } from '../../state.ts';
import type { KmsKeyRecord } from '../../stateResources.ts';

export const kmsMutations: ReadonlySet<string> = new Set();

export function createKmsKey(
  state: EmulatorState,
  accountId: string,
  region: string,
  fields: {
    description?: string;
    keySpec?: string;
    keyUsage?: string;
    policy?: string;
    enabled?: boolean;
  },
): KmsKeyRecord {
  const keyId = randomUUID();
  const key: KmsKeyRecord = {
    keyId,
    arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
    accountId,
    region,
    description: fields.description ?? '',
    enabled: fields.enabled ?? true,
    keySpec: fields.keySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: fields.keyUsage ?? 'ENCRYPT_DECRYPT',
    policy: fields.policy,
    createdAt: new Date(),
  };
  state.kmsKeys.set(keyId, key);
  return key;
}

export function createKmsAlias(
  state: EmulatorState,
  accountId: string,
  region: string,
  name: string,
  targetKeyId: string,
) {
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name) || name.startsWith('alias/aws/')) {
    throw new AwsError(
      'ValidationException',
      `Alias ${name} must begin with alias/ followed by letters, digits, /, _ or -, and not with alias/aws/.`,
    );
  }
  const key = findKey(state, accountId, region, targetKeyId);
  const id = `${accountId}/${region}/${name}`;
  if (state.kmsAliases.has(id)) {
    throw new AwsError(
      'AlreadyExistsException',
      `An alias with the name arn:aws:kms:${region}:${accountId}:${name} already exists`,
    );
  }
  const alias = {
    name,
    arn: `arn:aws:kms:${region}:${accountId}:${name}`,
    accountId,
    targetKeyId: key.keyId,
  };
  state.kmsAliases.set(id, alias);
  return alias;
}

/** A key by id, key ARN, alias name or alias ARN, in the caller's account and Region. */
export function findKey(
  state: EmulatorState,
  accountId: string,
  region: string,
  ref: string,
): KmsKeyRecord {
  const aliasName = ref.startsWith('alias/')
    ? ref
    : /^arn:aws:kms:[^:]+:\d{12}:(alias\/.+)$/.exec(ref)?.[1];
  const keyId = aliasName
    ? state.kmsAliases.get(`${accountId}/${region}/${aliasName}`)?.targetKeyId
    : /key\/([^/]+)$/.exec(ref)?.[1] ?? ref;
  const key = keyId ? state.kmsKeys.get(keyId) : undefined;
  if (!key || key.accountId !== accountId || key.region !== region) {
    throw new AwsError('NotFoundException', `Key '${ref}' does not exist`);
  }
  return key;
}

export function kmsHandlers(): Handlers {
  return {
    DescribeKey: ({ state, caller, region }, input) => {
      const key = findKey(state, caller.accountId, region, input.KeyId ?? '');
      return {
        KeyMetadata: {
          AWSAccountId: key.accountId,
          KeyId: key.keyId,
          Arn: key.arn,
          CreationDate: key.createdAt,
          Enabled: key.enabled,
          Description: key.description,
          KeyUsage: key.keyUsage,
          KeyState: key.enabled ? 'Enabled' : 'Disabled',
          Origin: 'AWS_KMS',
          KeyManager: 'CUSTOMER',
          KeySpec: key.keySpec,
          CustomerMasterKeySpec: key.keySpec,
          EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
          MultiRegion: false,
        },
      };
    },
    ListAliases: ({ state, caller, region }, input) => {
      const target = input.KeyId
        ? findKey(state, caller.accountId, region, input.KeyId).keyId
        : undefined;
      return {
        Aliases: [...state.kmsAliases.values()]
          .filter(
            a =>
              a.accountId === caller.accountId &&
              a.arn.split(':')[3] === region &&
              (!target || a.targetKeyId === target),
          )
          .map(a => ({
            AliasName: a.name,
            AliasArn: a.arn,
            TargetKeyId: a.targetKeyId,
          })),
        Truncated: false,
      };
    },
  };
}
