/**
 * The AWS partition of a region and its DNS suffix: ARNs and endpoints are
 * built from these, never hard-coded to the commercial partition.
 *
 * @public
 */
export interface AwsPartition {
  /** The ARN partition: `aws`, `aws-cn` or `aws-us-gov`. */
  partition: string;
  dnsSuffix: string;
}

/** @public */
export function partitionOf(region: string): AwsPartition {
  if (region.startsWith('cn-')) {
    return { partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' };
  }
  if (region.startsWith('us-gov-')) {
    return { partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com' };
  }
  return { partition: 'aws', dnsSuffix: 'amazonaws.com' };
}
