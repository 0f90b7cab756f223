/**
 * What telling a product's versions apart needs of a provisioning artifact
 * (DescribeProduct's and ListProvisioningArtifacts' shapes both fit).
 *
 * @public
 */
export interface ProductArtifactSummary {
  Id?: string;
  Name?: string;
  CreatedTime?: Date;
  Guidance?: string;
  Active?: boolean;
}

/**
 * The version provisioning launches: the newest one not deprecated (the
 * publisher deprecates every other), or undefined when there is none.
 *
 * @public
 */
export function currentArtifact<T extends ProductArtifactSummary>(
  artifacts: T[],
): T | undefined {
  return artifacts
    .filter(a => a.Guidance !== 'DEPRECATED' && a.Active !== false)
    .sort(
      (a, b) =>
        (b.CreatedTime?.getTime() ?? 0) - (a.CreatedTime?.getTime() ?? 0),
    )[0];
}
