export interface Config {
  /** Configuration of the ML environments plugins. */
  mlEnvironments?: {
    /** How the plugins reach AWS. Credentials come from the `aws` section read by @backstage/integration-aws-node. */
    aws?: {
      /**
       * Region for the SDK clients. Organizations and Control Tower calls go to
       * the home region of the landing zone. Defaults to us-east-1.
       */
      region?: string;
      /**
       * Endpoint that replaces every AWS service endpoint, for the local AWS
       * emulator (e.g. http://127.0.0.1:4599). Leave unset for real AWS.
       */
      endpoint?: string;
      /**
       * Role assumed in member accounts. Defaults to OrganizationAccountAccessRole,
       * the role AWS Organizations creates in the accounts it creates.
       */
      memberAccountRoleName?: string;
      /** Attempts per AWS call under the SDK's adaptive retry mode. Defaults to 5. */
      maxAttempts?: number;
      /**
       * Organizations calls per second the suite allows itself, so that
       * reading a large organization waits its turn instead of being
       * throttled: `list` for every List* operation, `describePolicy`.
       * Defaults to AWS's published rates (5/s with a burst of 8; 2/s). Per
       * replica.
       */
      organizationsRateLimits?: {
        [operation: string]: { ratePerSecond: number; burst?: number };
      };
      /**
       * The AWS Config aggregator, in the management account, that holds the
       * compliance of Control Tower's detective controls. Defaults to the one
       * Control Tower creates there, aws-controltower-ConfigAggregatorForOrganizations;
       * a landing zone that aggregates elsewhere names its own. When it does
       * not exist, the status says compliance is unavailable.
       */
      configAggregatorName?: string;
      /**
       * The IAM role or user whose permissions are checked (with IAM's policy
       * simulator) before provisioning changes anything. Defaults to the
       * principal behind the management credentials; set it when that is a
       * role with a path, which an assumed-role ARN does not show.
       */
      managementPrincipalArn?: string;
    };
    guardrails?: {
      /**
       * Guardrail ids each OU must carry, by OU path (`Root` for the root).
       * Replaces the default baseline of the AWS guide entirely.
       */
      baseline?: { [ouPath: string]: string[] };
      /** Values the SCP documents are written with. */
      parameters?: {
        exemptRoleArns?: string[];
        allowedInstanceTypes?: string[];
        /**
         * Tags the cost-tag SCP requires on SageMaker creates; keys of the
         * suite's tag scheme (ml-project, ml-pattern, ml-stage, cost-center,
         * owner), which its own resources carry. Defaults to cost-center and
         * ml-project.
         */
        costTagKeys?: string[];
      };
      /** SCPs one root, OU or account may carry directly. Defaults to 10. */
      scpQuota?: number;
    };
    offboarding?: {
      /**
       * Whether retiring a project asks AWS to close its accounts after
       * suspending them (CloseAccount, within AWS's quota of 10 % of member
       * accounts per 30 days; reopenable through AWS Support for 90 days).
       * Defaults to false: the accounts wait in the Suspended OU.
       */
      closeAccounts?: boolean;
    };
    accounts?: {
      /** Email of each new account, with {project} and {stage} placeholders. */
      emailTemplate?: string;
    };
    /**
     * The network each stage's products launch into, by stage (sandbox, dev,
     * preprod, prod, automation): a VPC, its subnets and security groups,
     * typically subnets the network account of the Infrastructure OU shares
     * with the stage's OU through AWS RAM (shared subnets keep their ids in
     * every account). Required for the stages whose products take them
     * (sandbox and dev Studio, the model-build pipeline in dev).
     */
    network?: {
      [stage: string]: {
        vpcId: string;
        subnetIds: string[];
        securityGroupIds?: string[];
      };
    };
    /** The portfolio of ML products shared from the team shared services account. */
    serviceCatalog?: {
      sharedServicesAccountId: string;
      /**
       * Display name of the portfolio. Its products are the suite's own
       * (`@mlgov/ml-environments-products`), published into it by the admin
       * template ml-platform-publish-products.
       */
      portfolio: string;
      /** Principals associated with the portfolio in each project account. */
      principalArns?: string[];
      /**
       * The role the portfolio's LAUNCH constraints name, which the suite
       * makes in each account to run the products' stacks; default
       * `mlgov-sc-launch`.
       */
      launchRoleName?: string;
    };
    /** How the suite's software templates publish each project's repository. */
    templates?: {
      publish?: {
        /**
         * `github` or `gitlab` publish to `host`/`owner` with publish:github or
         * publish:gitlab; `local` (development, offline) writes a local git
         * repository with publish:local, which only the dev backend has.
         */
        target: 'github' | 'gitlab' | 'local';
        /** Defaults to github.com or gitlab.com. */
        host?: string;
        /** The organization (GitHub) or group (GitLab) of the repositories. */
        owner?: string;
        /**
         * `local`: where publish:local writes the repositories, relative to
         * the backend's working directory.
         */
        directory?: string;
      };
    };
    provisioning?: {
      /** Seconds between polls of asynchronous AWS work. Defaults to 5. */
      pollIntervalSeconds?: number;
      /** Minutes to wait for asynchronous AWS work. Defaults to 30. */
      timeoutMinutes?: number;
    };
  };
}
