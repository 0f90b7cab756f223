import {
  CreatePresignedDomainUrlCommand,
  CreateUserProfileCommand,
  DescribeUserProfileCommand,
  SageMakerClient,
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
 * Makes the user's profile in the Studio domain unless it exists (looked up
 * first; a profile made meanwhile by another call counts as made).
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
        Tags: Object.entries(profile.tags).map(([Key, Value]) => ({
          Key,
          Value,
        })),
      }),
    );
    return { created: true };
  } catch (error) {
    if ((error as Error).name === 'ResourceInUse') return { created: false };
    throw error;
  }
}
