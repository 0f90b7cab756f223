import { AwsError } from '../../errors.ts';
import type { Handlers } from '../../context.ts';
import {
  createDomain,
  createUserProfile,
  domainInUse,
  domainOf,
  domainSettingsOf,
  notFound,
  profileKey,
  validation,
} from './domains.ts';
import { presignedStudioUrl } from './studio.ts';
import { sageMakerRegistryHandlers } from './registry.ts';

export {
  createDomain,
  createUserProfile,
  domainInUse,
  domainSettingsOf,
} from './domains.ts';

export const sageMakerMutations: ReadonlySet<string> = new Set([
  'CreateDomain',
  'UpdateDomain',
  'DeleteDomain',
  'CreateUserProfile',
  'DeleteUserProfile',
]);

export function sageMakerHandlers(): Handlers {
  return {
    ...sageMakerRegistryHandlers(),
    // A domain made directly (not through the Studio product): Pending until
    // the asynchronous work is done, as in AWS.
    CreateDomain: ({ state, caller, config, region }, input) => {
      if (
        [...state.domains.values()].some(
          d => d.accountId === caller.accountId && d.name === input.DomainName,
        )
      ) {
        throw new AwsError(
          'ResourceInUse',
          `Domain ${input.DomainName} already exists.`,
        );
      }
      const domain = createDomain(state, caller.accountId, region, {
        name: input.DomainName,
        authMode: input.AuthMode,
        tags: Object.fromEntries(
          (input.Tags ?? []).map((t: any) => [t.Key, t.Value]),
        ),
        settings: domainSettingsOf(input),
      });
      domain.status = 'Pending';
      state.later(config.asyncDelayMs, () => {
        domain.status = 'InService';
      });
      return { DomainArn: domain.arn, Url: domain.url };
    },

    ListDomains: ({ state, caller }) => ({
      Domains: [...state.domains.values()]
        .filter(d => d.accountId === caller.accountId)
        .map(d => ({
          DomainArn: d.arn,
          DomainId: d.id,
          DomainName: d.name,
          Status: d.status,
          CreationTime: d.createdAt,
          LastModifiedTime: d.createdAt,
          Url: d.url,
        })),
    }),

    DescribeDomain: ({ state, caller }, input) => {
      const d = domainOf(state, caller.accountId, input.DomainId);
      return {
        DomainArn: d.arn,
        DomainId: d.id,
        DomainName: d.name,
        Status: d.status,
        AuthMode: d.authMode,
        CreationTime: d.createdAt,
        LastModifiedTime: d.createdAt,
        Url: d.url,
        AppNetworkAccessType: d.settings.appNetworkAccessType,
        KmsKeyId: d.settings.kmsKeyId,
        SubnetIds: d.settings.subnetIds,
        VpcId: d.settings.vpcId,
        DomainSettings: d.settings.domainSettings,
        DefaultUserSettings: {
          ...d.settings.defaultUserSettings,
          SecurityGroups: d.settings.securityGroups,
        },
      };
    },

    // Only the network mode and the default security groups change here.
    UpdateDomain: ({ state, caller }, input) => {
      const d = domainOf(state, caller.accountId, input.DomainId);
      const changed = domainSettingsOf(input);
      if (input.AppNetworkAccessType) {
        d.settings.appNetworkAccessType = changed.appNetworkAccessType!;
      }
      if (input.DefaultUserSettings?.SecurityGroups) {
        d.settings.securityGroups = changed.securityGroups!;
      }
      return { DomainArn: d.arn };
    },

    CreateUserProfile: ({ state, caller }, input) => {
      const domain = domainOf(state, caller.accountId, input.DomainId);
      const profile = createUserProfile(
        state,
        domain,
        input.UserProfileName ?? '',
        Object.fromEntries(
          (input.Tags ?? []).map((t: any) => [t.Key, t.Value]),
        ),
      );
      return { UserProfileArn: profile.arn };
    },

    DescribeUserProfile: ({ state, caller }, input) => {
      domainOf(state, caller.accountId, input.DomainId);
      const profile = state.userProfiles.get(
        profileKey(input.DomainId, input.UserProfileName),
      );
      if (!profile)
        throw notFound(`User profile ${input.UserProfileName} not found.`);
      return {
        DomainId: profile.domainId,
        UserProfileArn: profile.arn,
        UserProfileName: profile.name,
        UserSettings: profile.userSettings,
        Status: profile.status,
        CreationTime: profile.createdAt,
        LastModifiedTime: profile.createdAt,
      };
    },

    ListUserProfiles: ({ state, caller }, input) => ({
      UserProfiles: [...state.userProfiles.values()]
        .filter(
          p =>
            p.accountId === caller.accountId &&
            (!input.DomainIdEquals || p.domainId === input.DomainIdEquals) &&
            (!input.UserProfileNameContains ||
              p.name.includes(input.UserProfileNameContains)),
        )
        .map(p => ({
          DomainId: p.domainId,
          UserProfileName: p.name,
          Status: p.status,
          CreationTime: p.createdAt,
          LastModifiedTime: p.createdAt,
        })),
    }),

    DeleteDomain: ({ state, caller, config }, input) => {
      const domain = domainOf(state, caller.accountId, input.DomainId);
      const inUse = domainInUse(state, domain.id);
      if (inUse) throw new AwsError('ResourceInUse', inUse);
      domain.status = 'Deleting';
      state.later(config.asyncDelayMs, () => state.domains.delete(domain.id));
      return {};
    },

    // As in AWS: Deleting at once, gone once the asynchronous work is done;
    // a second call meanwhile finds it Deleting (not an error).
    DeleteUserProfile: ({ state, caller, config }, input) => {
      domainOf(state, caller.accountId, input.DomainId);
      const key = profileKey(input.DomainId, input.UserProfileName);
      const profile = state.userProfiles.get(key);
      if (!profile) {
        throw notFound(`User profile ${input.UserProfileName} not found.`);
      }
      profile.status = 'Deleting';
      state.later(config.asyncDelayMs, () => {
        state.userProfiles.delete(key);
      });
      return {};
    },

    // The tags of a domain or user profile of the caller's account.
    ListTags: ({ state, caller }, input) => {
      const arn: string = input.ResourceArn ?? '';
      const resource =
        [...state.domains.values()].find(d => d.arn === arn) ??
        [...state.userProfiles.values()].find(p => p.arn === arn);
      if (!resource || resource.accountId !== caller.accountId) {
        throw validation(`Resource ${arn} not found.`);
      }
      return {
        Tags: Object.entries(resource.tags).map(([Key, Value]) => ({
          Key,
          Value,
        })),
      };
    },

    CreatePresignedDomainUrl: ({ state, caller, endpoint }, input) => {
      const domain = domainOf(state, caller.accountId, input.DomainId);
      const expiresIn = input.ExpiresInSeconds ?? 300;
      if (expiresIn < 5 || expiresIn > 300) {
        throw validation('ExpiresInSeconds must be between 5 and 300.');
      }
      const session = input.SessionExpirationDurationInSeconds ?? 43200;
      if (session < 1800 || session > 43200) {
        throw validation(
          'SessionExpirationDurationInSeconds must be between 1800 and 43200.',
        );
      }
      if (domain.authMode !== 'IAM') {
        throw validation(
          'Presigned URLs work only for domains in IAM authentication mode.',
        );
      }
      if (
        !state.userProfiles.has(profileKey(domain.id, input.UserProfileName))
      ) {
        throw notFound(`User profile ${input.UserProfileName} not found.`);
      }
      return {
        AuthorizedUrl: presignedStudioUrl(state, endpoint, {
          domain,
          userProfileName: input.UserProfileName,
          expiresInSeconds: expiresIn,
          sessionSeconds: session,
        }),
      };
    },
  };
}
