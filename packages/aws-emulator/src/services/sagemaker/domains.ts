// SageMaker's domains and user profiles as the emulator keeps them, and the
// rules SageMaker applies to them; the operations are in index.ts.
import { AwsError } from '../../errors.ts';
import { ids } from '../../ids.ts';
import type {
  DomainRecord,
  DomainSettings,
  EmulatorState,
  Tags,
  UserProfileRecord,
} from '../../state.ts';

const USER_PROFILE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export const notFound = (message: string) =>
  new AwsError('ResourceNotFound', message);
export const validation = (message: string) =>
  new AwsError('ValidationException', message);

export function createDomain(
  state: EmulatorState,
  accountId: string,
  region: string,
  fields: {
    name: string;
    authMode: 'IAM' | 'SSO';
    tags?: Tags;
    settings?: Partial<DomainSettings>;
  },
): DomainRecord {
  const id = ids.domain();
  const domain: DomainRecord = {
    id,
    arn: `arn:aws:sagemaker:${region}:${accountId}:domain/${id}`,
    accountId,
    name: fields.name,
    authMode: fields.authMode,
    status: 'InService',
    createdAt: new Date(),
    url: `https://${id}.studio.${region}.sagemaker.aws`,
    tags: { ...fields.tags },
    settings: {
      // SageMaker's default when the request names none.
      appNetworkAccessType: 'PublicInternetOnly',
      subnetIds: [],
      securityGroups: [],
      ...fields.settings,
    },
  };
  state.domains.set(id, domain);
  return domain;
}

export function createUserProfile(
  state: EmulatorState,
  domain: DomainRecord,
  name: string,
  tags: Tags = {},
) {
  if (!USER_PROFILE_NAME.test(name)) {
    throw validation(
      `UserProfileName '${name}' must match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}.`,
    );
  }
  const key = profileKey(domain.id, name);
  if (state.userProfiles.has(key)) {
    throw new AwsError('ResourceInUse', `User profile ${name} already exists.`);
  }
  const region = domain.arn.split(':')[3];
  const profile: UserProfileRecord = {
    domainId: domain.id,
    name,
    arn: `arn:aws:sagemaker:${region}:${domain.accountId}:user-profile/${domain.id}/${name}`,
    accountId: domain.accountId,
    status: 'InService',
    createdAt: new Date(),
    tags,
  };
  state.userProfiles.set(key, profile);
  return profile;
}

export function domainOf(
  state: EmulatorState,
  accountId: string,
  domainId: string,
) {
  const domain = state.domains.get(domainId);
  if (!domain || domain.accountId !== accountId) {
    throw notFound(`Domain ${domainId} not found.`);
  }
  return domain;
}

export function profileKey(domainId: string, name: string) {
  return `${domainId}/${name}`;
}

/** The operations below that change state; every other one only reads. */
/**
 * Why a domain cannot be deleted, as SageMaker says it: "To delete a domain,
 * it cannot contain any user profiles or shared spaces" (a profile still
 * Deleting counts until it is gone). Undefined when it can.
 */
export function domainInUse(
  state: EmulatorState,
  domainId: string,
): string | undefined {
  const profiles = [...state.userProfiles.values()]
    .filter(p => p.domainId === domainId)
    .map(p => p.name);
  return profiles.length
    ? `Cannot delete domain ${domainId} because it contains user profiles (${profiles.join(
        ', ',
      )}); delete them first.`
    : undefined;
}

/** A CreateDomain or UpdateDomain request's settings, as the domain keeps them. */
export function domainSettingsOf(input: any): Partial<DomainSettings> {
  return {
    ...(input.AppNetworkAccessType
      ? { appNetworkAccessType: input.AppNetworkAccessType }
      : {}),
    ...(input.KmsKeyId ? { kmsKeyId: input.KmsKeyId } : {}),
    ...(input.SubnetIds ? { subnetIds: input.SubnetIds } : {}),
    ...(input.DefaultUserSettings?.SecurityGroups
      ? { securityGroups: input.DefaultUserSettings.SecurityGroups }
      : {}),
    ...(input.VpcId ? { vpcId: input.VpcId } : {}),
    ...(input.DefaultUserSettings
      ? { defaultUserSettings: input.DefaultUserSettings }
      : {}),
    ...(input.DomainSettings ? { domainSettings: input.DomainSettings } : {}),
  };
}
