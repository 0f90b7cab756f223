import { DEFAULT_BASELINE, validateBaseline } from './baseline';
import {
  DEFAULT_GUARDRAIL_PARAMETERS,
  GUARDRAILS,
  findGuardrail,
} from './library';

describe('guardrail library', () => {
  it('has unique ids, each with a title and a reason', () => {
    const ids = GUARDRAILS.map(g => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const guardrail of GUARDRAILS) {
      expect(guardrail.title.length).toBeGreaterThan(5);
      expect(guardrail.rationale.length).toBeGreaterThan(20);
    }
  });

  it("denies at least the guide's SageMaker hosting actions", () => {
    const scp = findGuardrail('deny-sagemaker-hosting');
    expect(scp?.kind).toBe('scp');
    const statement =
      scp?.kind === 'scp' &&
      scp.document(DEFAULT_GUARDRAIL_PARAMETERS).Statement[0];
    expect(statement && statement.Action).toEqual(
      expect.arrayContaining([
        'sagemaker:CreateEndpoint',
        'sagemaker:InvokeEndpoint',
        'sagemaker:ListEndpoints',
        'sagemaker:UpdateEndpoint',
      ]),
    );
  });

  it("requires VPC settings for the guide's five SageMaker actions", () => {
    const scp = findGuardrail('require-vpc');
    const statement =
      scp?.kind === 'scp' &&
      scp.document(DEFAULT_GUARDRAIL_PARAMETERS).Statement[0];
    expect(statement).toEqual({
      Sid: 'VPCDeployment',
      Effect: 'Deny',
      Action: [
        'sagemaker:CreateHyperParameterTuningJob',
        'sagemaker:CreateModel',
        'sagemaker:CreateNotebookInstance',
        'sagemaker:CreateProcessingJob',
        'sagemaker:CreateTrainingJob',
      ],
      Resource: '*',
      Condition: {
        Null: {
          'sagemaker:VpcSubnets': 'true',
          'sagemaker:VpcSecurityGroupIds': 'true',
        },
      },
    });
  });

  it("holds the guide's three S3 controls", () => {
    for (const id of [
      'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
      'AWS-GR_S3_VERSIONING_ENABLED',
      'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED',
    ]) {
      expect(findGuardrail(id)?.kind).toBe('control');
    }
  });
});

describe('baseline', () => {
  it('uses only known guardrails, and no controls on the root', () => {
    expect(validateBaseline(DEFAULT_BASELINE)).toEqual([]);
  });

  it('names unknown ids and misplaced controls', () => {
    expect(
      validateBaseline({
        Sandbox: ['deny-everything'],
        Root: ['AWS-GR_S3_VERSIONING_ENABLED'],
      }),
    ).toEqual([
      expect.stringMatching(
        /^Sandbox: unknown guardrail 'deny-everything'; known ones are deny-sagemaker-hosting, /,
      ),
      "Root: 'AWS-GR_S3_VERSIONING_ENABLED' is a Control Tower control, which can be enabled on OUs only; place it on the OUs below the root",
    ]);
  });
});
