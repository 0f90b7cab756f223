import { fileURLToPath } from 'node:url';
import { seededRandom } from './limits.ts';
import {
  readSeedFile,
  type SeedAccount,
  type SeedDocument,
  type SeedOu,
} from './seed.ts';

/**
 * A company's organization as the suite meets it: the demo organization (the
 * guide's OUs, the ML platform and its projects) grown into years of other
 * teams' work. Business units with OUs five deep, accounts nobody tagged,
 * suspended accounts, accounts left in the Root, SCPs after AWS's published
 * examples and Control Tower's own, and a few dozen more suite projects.
 * Deterministic for a given size and seed.
 */
export function brownfieldSeed(
  options: { accounts?: number; seed?: number } = {},
): SeedDocument {
  const target = options.accounts ?? 1000;
  const random = seededRandom(options.seed ?? 20261202);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const demo = readSeedFile(
    fileURLToPath(new URL('../seeds/demo.yaml', import.meta.url)),
  );
  const ous: SeedOu[] = structuredClone(demo.organizationalUnits ?? []);
  const policies = structuredClone(demo.policies ?? []);
  let accountCount = 1 + countAccounts(ous) + (demo.accounts ?? []).length;
  let serial = 0;
  const nextId = () => String(500000000000 + ++serial);
  const account = (name: string, tags?: Record<string, string>) => {
    accountCount++;
    const id = nextId();
    return {
      id,
      name,
      email: `aws+${name}@corp.example.com`,
      ...(tags ? { tags } : {}),
    } as SeedAccount;
  };

  // Business units: Dev/Test/Prod below each, and in some a deeper platform
  // tree that reaches Organizations' five levels.
  const units = Array.from(
    { length: 12 },
    (_, i) => `BU${String(i + 1).padStart(2, '0')}`,
  );
  const leaves: SeedOu[] = [];
  const unitOus: SeedOu[] = units.map((unit, i) => {
    const envs = ['Dev', 'Test', 'Prod'].map(env => {
      const ou: SeedOu = { name: `${unit}_${env}`, accounts: [] };
      leaves.push(ou);
      return ou;
    });
    const children: SeedOu[] = [...envs];
    if (i % 3 === 0) {
      const legacy: SeedOu = { name: `${unit}_Legacy`, accounts: [] };
      const streaming: SeedOu = {
        name: `${unit}_Streaming`,
        accounts: [],
        children: [legacy],
      };
      const data: SeedOu = {
        name: `${unit}_Data`,
        accounts: [],
        children: [streaming],
      };
      children.push({ name: `${unit}_Platform`, children: [data] });
      leaves.push(legacy, streaming, data);
    }
    return { name: unit, children };
  });
  const suspendedOu: SeedOu = { name: 'Suspended', accounts: [] };
  ous.push(...unitOus, suspendedOu);

  // A few dozen more suite projects, tagged as the suite tags them, in the
  // guide's Sandbox OU.
  const sandbox = ous.find(o => o.name === 'Sandbox');
  for (let i = 1; i <= 30 && sandbox; i++) {
    const project = `legacy-ml-${String(i).padStart(2, '0')}`;
    sandbox.accounts = [
      ...(sandbox.accounts ?? []),
      account(`${project}-sandbox`, {
        'ml-project': project,
        'ml-stage': 'sandbox',
        'ml-pattern': 'sandbox',
        owner: 'group:default/team-churn',
        'cost-center': 'CC-4000',
      }),
    ];
  }

  const rootAccounts: SeedAccount[] = [...(demo.accounts ?? [])];
  while (accountCount < target) {
    const roll = random();
    if (roll < 0.01) {
      rootAccounts.push(account(`stray-${serial}`));
    } else if (roll < 0.03) {
      suspendedOu.accounts!.push({
        ...account(`closed-${serial}`),
        status: 'SUSPENDED',
      });
    } else {
      const leaf = pick(leaves);
      // Most accounts carry no tags, or tags from another tool.
      const tags =
        random() < 0.4
          ? { CostCenter: `CC-${1000 + Math.floor(random() * 900)}` }
          : undefined;
      leaf.accounts!.push(
        account(`${leaf.name.toLowerCase()}-${serial}`, tags),
      );
    }
  }

  policies.push(
    ...examplePolicies(units, random),
    ...controlTowerPolicies(random),
  );

  return {
    ...demo,
    organization: {
      ...demo.organization,
      accountQuota: Math.max(target + 100, 5000),
    },
    organizationalUnits: ous,
    accounts: rootAccounts,
    policies,
  };
}

function countAccounts(ous: SeedOu[]): number {
  return ous.reduce(
    (sum, ou) =>
      sum + (ou.accounts?.length ?? 0) + countAccounts(ou.children ?? []),
    0,
  );
}

const REGION_SETS = [
  ['us-east-1', 'us-west-2'],
  ['eu-west-1', 'eu-central-1'],
  ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
];

/** SCPs after AWS's published example SCPs, as other teams write them. */
function examplePolicies(units: string[], random: () => number) {
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
function controlTowerPolicies(random: () => number) {
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
