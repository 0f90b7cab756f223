import {
  CreatePresignedDomainUrlCommand,
  CreateUserProfileCommand,
  DeleteUserProfileCommand,
  DescribeUserProfileCommand,
  SageMakerClient,
  paginateListUserProfiles,
} from '@aws-sdk/client-sagemaker';
import { NotFoundError } from '@backstage/errors';

/** How long a presigned Studio URL may be used; AWS allows at most 300 s. @public */
export const STUDIO_URL_EXPIRES_IN_SECONDS = 300;

/**
 * A presigned URL that signs its holder in to one user profile of a Studio
 * domain; it is a credential, so it must never be logged or cached.
 *
 * @public
 */
export async function presignStudioUrl(
  client: SageMakerClient,
  {
    project,
    domainId,
    userProfileName,
  }: { project: string; domainId: string; userProfileName: string },
): Promise<{ url: string; expiresInSeconds: number }> {
  try {
    const { AuthorizedUrl } = await client.send(
      new CreatePresignedDomainUrlCommand({
        DomainId: domainId,
        UserProfileName: userProfileName,
        ExpiresInSeconds: STUDIO_URL_EXPIRES_IN_SECONDS,
        SessionExpirationDurationInSeconds: 1800,
      }),
    );
    return {
      url: AuthorizedUrl!,
      expiresInSeconds: STUDIO_URL_EXPIRES_IN_SECONDS,
    };
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFound') {
      throw new NotFoundError(
        `You have no SageMaker Studio user profile '${userProfileName}' in ${project}'s domain yet; create it with "Create my Studio profile" on the project's ML environment tab`,
      );
    }
    throw error;
  }
}

/**
 * The tag naming a Studio profile's user: the Studio product's
 * `StudioUserPolicyArn` lets a person open only the profile whose tag equals
 * their own `aws:PrincipalTag/studiouserid`.
 *
 * @public
 */
export const STUDIO_USER_ID_TAG = 'studiouserid';

/**
 * Makes the user's profile in the Studio domain unless it exists (looked up
 * first; a profile made meanwhile by another call counts as made), tagged
 * with the given tags and {@link STUDIO_USER_ID_TAG} = the profile's name.
 *
 * @public
 */
export async function ensureUserProfile(
  client: SageMakerClient,
  profile: {
    domainId: string;
    userProfileName: string;
    tags: Record<string, string>;
  },
): Promise<{ created: boolean }> {
  const { domainId, userProfileName } = profile;
  try {
    await client.send(
      new DescribeUserProfileCommand({
        DomainId: domainId,
        UserProfileName: userProfileName,
      }),
    );
    return { created: false };
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFound') throw error;
  }
  try {
    await client.send(
      new CreateUserProfileCommand({
        DomainId: domainId,
        UserProfileName: userProfileName,
        Tags: Object.entries({
          ...profile.tags,
          [STUDIO_USER_ID_TAG]: userProfileName,
        }).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    return { created: true };
  } catch (error) {
    if ((error as Error).name === 'ResourceInUse') return { created: false };
    throw error;
  }
}

/** What keeping a domain's profiles in step with a group did. @public */
export interface UserProfileSync {
  /** Members who had no profile and got one. */
  created: string[];
  /** Profiles the suite made for people no longer in the group, deleted. */
  deleted: string[];
  /** Profiles of non-members the suite did not make (an administrator's): left alone. */
  kept: string[];
  /**
   * The suite's profiles of people who left that SageMaker would not delete
   * yet (apps or private spaces still in them): tried again next time.
   */
  inUse: string[];
}

/**
 * Keeps the Studio profiles of a project's domain in step with its owner
 * group: a profile for every member, and none made by the suite for someone
 * who left the group. Which profiles the suite made is the suite's own
 * record (`madeBySuite`), never a tag on the profile, which others can set;
 * profiles someone else made are never deleted. Looks before it changes, so
 * a re-run changes nothing and a profile already being deleted is left to
 * finish.
 *
 * @public
 */
export async function syncUserProfiles(
  client: SageMakerClient,
  options: {
    domainId: string;
    members: string[];
    /** The tags the suite puts on the profiles it makes: their account's. */
    tags: Record<string, string>;
    /** The profiles the suite's record says it made in this domain. */
    madeBySuite: string[];
  },
): Promise<UserProfileSync> {
  const { domainId, members, tags } = options;
  const suiteMade = new Set(options.madeBySuite);
  const existing = new Map<string, string | undefined>();
  for await (const page of paginateListUserProfiles(
    { client },
    { DomainIdEquals: domainId },
  )) {
    for (const profile of page.UserProfiles ?? []) {
      existing.set(profile.UserProfileName!, profile.Status);
    }
  }
  const result: UserProfileSync = {
    created: [],
    deleted: [],
    kept: [],
    inUse: [],
  };
  for (const name of members) {
    if (existing.has(name)) continue;
    const { created } = await ensureUserProfile(client, {
      domainId,
      userProfileName: name,
      tags,
    });
    if (created) result.created.push(name);
  }
  const memberSet = new Set(members);
  for (const [name, status] of existing) {
    if (memberSet.has(name) || status === 'Deleting') continue;
    if (!suiteMade.has(name)) {
      result.kept.push(name);
      continue;
    }
    try {
      await client.send(
        new DeleteUserProfileCommand({
          DomainId: domainId,
          UserProfileName: name,
        }),
      );
    } catch (error) {
      const { name: code } = error as Error;
      if (code === 'ResourceInUse') {
        result.inUse.push(name);
        continue;
      }
      // Deleted meanwhile (or the answer to our own call was lost).
      if (code !== 'ResourceNotFound') throw error;
    }
    result.deleted.push(name);
  }
  return result;
}
