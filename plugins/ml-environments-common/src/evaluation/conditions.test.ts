import { conditionMatches } from './conditions';

describe('condition operators that brownfield SCPs use', () => {
  it.each([
    // The common "deny outside the corporate network" SCP.
    [
      { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
      { 'aws:SourceIp': '203.0.113.9' },
      true,
    ],
    [
      { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
      { 'aws:SourceIp': '10.1.2.3' },
      false,
    ],
    [
      { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
      { 'aws:SourceIp': '192.0.2.77' },
      true,
    ],
    [
      { IpAddress: { 'aws:SourceIp': '192.0.2.1' } },
      { 'aws:SourceIp': '192.0.2.1' },
      true,
    ],
    [
      { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
      { 'aws:SourceIp': '2001:db8:1::5' },
      true,
    ],
    [
      { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
      { 'aws:SourceIp': '2001:db9::5' },
      false,
    ],
    [
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '2001:db8::1' },
      false,
    ],
    [
      { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } },
      { 'aws:MultiFactorAuthAge': '3600' },
      true,
    ],
    [
      { NumericGreaterThanEquals: { 's3:max-keys': '10' } },
      { 's3:max-keys': '9' },
      false,
    ],
    [
      { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
      { 'aws:CurrentTime': '2026-12-01T10:00:00Z' },
      true,
    ],
    [
      { DateGreaterThanEquals: { 'aws:EpochTime': '1800000000' } },
      { 'aws:EpochTime': '1700000000' },
      false,
    ],
    [
      { DateEquals: { 'aws:CurrentTime': '2026-12-01T00:00:00Z' } },
      { 'aws:CurrentTime': '1796083200' },
      true,
    ],
    [
      { BinaryEquals: { 'custom:blob': 'QmluYXJ5' } },
      { 'custom:blob': 'QmluYXJ5' },
      true,
    ],
    // Null with several values: any of them may hold.
    [{ Null: { 'aws:TagKeys': ['false', 'true'] } }, {}, true],
    [
      { Null: { 'aws:TagKeys': ['false', 'true'] } },
      { 'aws:TagKeys': ['a'] },
      true,
    ],
    [{ Null: { 'aws:TagKeys': 'false' } }, {}, false],
  ])('%j with %j is %s', (condition, context, expected) => {
    expect(conditionMatches(condition as any, context as any)).toBe(expected);
  });

  it('misses a negated IP condition on a request without the key, as IAM does', () => {
    expect(
      conditionMatches({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}),
    ).toBe(true);
    expect(
      conditionMatches({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}),
    ).toBe(false);
  });
});
