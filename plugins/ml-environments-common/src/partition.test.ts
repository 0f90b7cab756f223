import { partitionOf } from './partition';

describe('partitionOf', () => {
  it.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['eu-west-3', 'aws', 'amazonaws.com'],
    ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
  ])('%s is in %s (%s)', (region, partition, dnsSuffix) => {
    expect(partitionOf(region)).toEqual({ partition, dnsSuffix });
  });
});
