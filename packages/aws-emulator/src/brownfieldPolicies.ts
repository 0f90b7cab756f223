/**
 * The brownfield organization's SCPs: other teams' policies after AWS's
 * published examples, and Control Tower's own. Apart from brownfield.ts,
 * which grows the OUs and accounts they attach to.
 */

const REGION_SETS = [
  ['us-east-1', 'us-west-2'],
  ['eu-west-1', 'eu-central-1'],
  ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
];

/** SCPs after AWS's published example SCPs, as other teams write them. */
export function examplePolicies(units: string[], random: () => number) {
  const statement = (sid: string, rest: object) => ({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Deny', ...rest }],
  });
  const root = [
    {
      name: 'corp-deny-leave-organization',
      content: statement('DenyLeaving', {
        Action: 'organizations:LeaveOrganization',
        Resource: '*',
      }),
      attachTo: ['Root'],
    },
    {
      name: 'corp-deny-root-user',
      content: statement('DenyRootUser', {
        Action: '*',
        Resource: '*',
        Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
      }),
      attachTo: ['Root'],
    },
    {
      name: 'corp-deny-outside-org-resources',
      content: statement('DenyResourcesOutsideOrg', {
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' },
        },
      }),
      attachTo: ['Root'],
    },
  ];
  const perUnit = units.flatMap((unit, i) => {
    const regions = REGION_SETS[i % REGION_SETS.length];
    const list = [
      {
        name: `${unit.toLowerCase()}-region-allow-list`,
        content: statement('DenyOutsideApprovedRegions', {
          NotAction: [
            'iam:*',
            'organizations:*',
            'sts:*',
            'support:*',
            'budgets:*',
            'cloudfront:*',
            'route53:*',
          ],
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': regions },
            ArnNotLike: {
              'aws:PrincipalARN': 'arn:aws:iam::*:role/OrganizationAdmin',
            },
          },
        }),
        attachTo: [unit],
      },
      {
        name: `${unit.toLowerCase()}-require-cost-center`,
        content: statement('RequireCostCenterTag', {
          Action: ['ec2:RunInstances', 'sagemaker:CreateNotebookInstance'],
          Resource: '*',
          Condition: { Null: { 'aws:RequestTag/CostCenter': 'true' } },
        }),
        attachTo: [unit],
      },
    ];
    if (i % 2 === 0) {
      list.push({
        name: `${unit.toLowerCase()}-corporate-network-only`,
        content: statement('DenyOutsideCorporateNetwork', {
          NotAction: ['iam:*', 'sts:*'],
          Resource: '*',
          Condition: {
            NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] },
            Bool: { 'aws:ViaAWSService': 'false' },
          },
        }),
        attachTo: [`${unit}/${unit}_Prod`],
      });
    }
    if (i % 3 === 1) {
      list.push({
        name: `${unit.toLowerCase()}-freeze-until-audit`,
        content: statement('DenyChangesUntilAudit', {
          Action: ['ec2:Delete*', 'rds:Delete*'],
          Resource: '*',
          Condition: {
            DateLessThan: {
              'aws:CurrentTime': `2027-0${
                1 + Math.floor(random() * 9)
              }-01T00:00:00Z`,
            },
          },
        }),
        attachTo: [`${unit}/${unit}_Prod`],
      });
    }
    if (i % 3 === 2) {
      list.push({
        name: `${unit.toLowerCase()}-imdsv2-and-small-instances`,
        content: statement('RequireImdsV2AndSmallInstances', {
          Action: 'ec2:RunInstances',
          Resource: 'arn:aws:ec2:*:*:instance/*',
          Condition: {
            'ForAnyValue:StringNotLike': {
              'ec2:InstanceType': ['t3.*', 'm5.large'],
            },
            NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': '2' },
          },
        }),
        attachTo: [`${unit}/${unit}_Dev`],
      });
    }
    return list;
  });
  return [...root, ...perUnit];
}

/** Control Tower's own SCPs: names `aws-guardrails-…`, exempting its roles. */
export function controlTowerPolicies(random: () => number) {
  const suffix = () =>
    Array.from({ length: 6 }, () =>
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.charAt(
        Math.floor(random() * 52),
      ),
    ).join('');
  const exempt = {
    ArnNotLike: {
      'aws:PrincipalARN': 'arn:aws:iam::*:role/AWSControlTowerExecution',
    },
  };
  const deny = (sid: string, actions: string[]) => ({
    Sid: sid,
    Effect: 'Deny',
    Action: actions,
    Resource: '*',
    Condition: exempt,
  });
  return [
    {
      name: `aws-guardrails-${suffix()}`,
      description: 'Control Tower: protect CloudTrail and Config',
      content: {
        Version: '2012-10-17',
        Statement: [
          deny('GRCLOUDTRAILENABLED', [
            'cloudtrail:DeleteTrail',
            'cloudtrail:StopLogging',
            'cloudtrail:UpdateTrail',
          ]),
          deny('GRCONFIGENABLED', [
            'config:DeleteConfigurationRecorder',
            'config:StopConfigurationRecorder',
          ]),
        ],
      },
      attachTo: ['Security', 'Infrastructure'],
    },
    {
      name: `aws-guardrails-${suffix()}`,
      description: 'Control Tower: protect its roles and log archive',
      content: {
        Version: '2012-10-17',
        Statement: [
          {
            ...deny('GRIAMROLEPOLICY', [
              'iam:AttachRolePolicy',
              'iam:DeleteRole',
            ]),
            Resource: ['arn:aws:iam::*:role/aws-controltower-*'],
          },
          {
            ...deny('GRLOGARCHIVE', ['s3:DeleteBucket', 's3:PutBucketPolicy']),
            Resource: ['arn:aws:s3:::aws-controltower*'],
          },
        ],
      },
      attachTo: ['Workloads', 'Sandbox'],
    },
  ];
}
