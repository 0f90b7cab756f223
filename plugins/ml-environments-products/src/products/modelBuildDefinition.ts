/**
 * The model-build pipeline's definition: process, train, register into the
 * shared group. It is JSON text inside the template, and Fn::Sub fills in
 * the `${...}` names (parameters and resource attributes of ml-model-build,
 * and the two joined lists SubnetList and SecurityGroupList).
 */
export function modelBuildDefinition(): object {
  // The definition is JSON text inside the template. Fn::Sub fills in the
  // parameters and attributes it names; the two lists (subnets, security
  // groups) come joined through Sub's variables, as JSON text cannot hold a
  // list parameter otherwise without a CDK custom resource.
  const s3 = (path: string) => `s3://\${ArtifactBucket}/\${ProjectName}${path}`;
  const network = {
    VpcConfig: {
      Subnets: ['${SubnetList}'],
      SecurityGroupIds: ['${SecurityGroupList}'],
    },
  };
  const tags = [
    { Key: 'ml-project', Value: '${ProjectName}' },
    { Key: 'cost-center', Value: '${CostCenter}' },
  ];
  const resources = {
    InstanceType: '${InstanceType}',
    InstanceCount: 1,
    VolumeSizeInGB: 30,
    VolumeKmsKeyId: '${ArtifactKey.Arn}',
  };
  const role = '${PipelineExecutionRole.Arn}';
  return {
    Version: '2020-12-01',
    Parameters: [
      { Name: 'InputDataUri', Type: 'String', DefaultValue: s3('/input/') },
      {
        Name: 'ModelApprovalStatus',
        Type: 'String',
        DefaultValue: 'PendingManualApproval',
      },
    ],
    Steps: [
      {
        Name: 'Preprocess',
        Type: 'Processing',
        Arguments: {
          ProcessingResources: { ClusterConfig: resources },
          AppSpecification: {
            ImageUri: '${ProcessingImageUri}',
            ContainerEntrypoint: [
              'python3',
              '/opt/ml/processing/code/preprocess.py',
            ],
          },
          RoleArn: role,
          ProcessingInputs: [
            {
              InputName: 'input',
              S3Input: {
                S3Uri: { Get: 'Parameters.InputDataUri' },
                LocalPath: '/opt/ml/processing/input',
                S3DataType: 'S3Prefix',
                S3InputMode: 'File',
              },
            },
            {
              InputName: 'code',
              S3Input: {
                S3Uri: s3('/code/preprocess.py'),
                LocalPath: '/opt/ml/processing/code',
                S3DataType: 'S3Prefix',
                S3InputMode: 'File',
              },
            },
          ],
          ProcessingOutputConfig: {
            Outputs: [
              {
                OutputName: 'train',
                S3Output: {
                  S3Uri: s3('/processed/train'),
                  LocalPath: '/opt/ml/processing/train',
                  S3UploadMode: 'EndOfJob',
                },
              },
            ],
            KmsKeyId: '${ArtifactKey.Arn}',
          },
          NetworkConfig: {
            EnableInterContainerTrafficEncryption: true,
            ...network,
          },
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          Tags: tags,
        },
      },
      {
        Name: 'Train',
        Type: 'Training',
        Arguments: {
          AlgorithmSpecification: {
            TrainingImage: '${TrainingImageUri}',
            TrainingInputMode: 'File',
          },
          RoleArn: role,
          InputDataConfig: [
            {
              ChannelName: 'train',
              DataSource: {
                S3DataSource: {
                  S3DataType: 'S3Prefix',
                  S3Uri: {
                    Get: "Steps.Preprocess.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri",
                  },
                  S3DataDistributionType: 'FullyReplicated',
                },
              },
            },
          ],
          OutputDataConfig: {
            S3OutputPath: s3('/models'),
            KmsKeyId: '${ArtifactKey.Arn}',
          },
          ResourceConfig: resources,
          EnableInterContainerTrafficEncryption: true,
          ...network,
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          Tags: tags,
        },
      },
      {
        Name: 'Register',
        Type: 'RegisterModel',
        Arguments: {
          ModelPackageGroupName: '${ModelPackageGroupArn}',
          ModelApprovalStatus: { Get: 'Parameters.ModelApprovalStatus' },
          InferenceSpecification: {
            Containers: [
              {
                Image: '${TrainingImageUri}',
                ModelDataUrl: {
                  Get: 'Steps.Train.ModelArtifacts.S3ModelArtifacts',
                },
              },
            ],
            SupportedContentTypes: ['text/csv'],
            SupportedResponseMIMETypes: ['text/csv'],
            SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large'],
            SupportedTransformInstanceTypes: ['ml.m5.large'],
          },
        },
      },
    ],
  };
}
