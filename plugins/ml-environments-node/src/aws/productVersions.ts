import { ProvisioningArtifactDetail } from '@aws-sdk/client-service-catalog';

/**
 * The version provisioning launches: the newest one not deprecated (the
 * publisher deprecates every other), or undefined when there is none.
 *
 * @public
 */
export function currentArtifact(
  artifacts: Array<
    Pick<ProvisioningArtifactDetail, 'Id' | 'Name' | 'CreatedTime'> & {
      Guidance?: string;
      Active?: boolean;
    }
  >,
) {
  return artifacts
    .filter(a => a.Guidance !== 'DEPRECATED' && a.Active !== false)
    .sort(
      (a, b) =>
        (b.CreatedTime?.getTime() ?? 0) - (a.CreatedTime?.getTime() ?? 0),
    )[0];
}
