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
    };
  };
}
