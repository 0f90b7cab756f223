export interface Config {
  auth?: {
    providers?: {
      /**
       * The dev backend's local people (packages/backend/src/devExtras/devUsersProvider.ts).
       */
      devUsers?: {
        /**
         * Catalog user names the `devUsers` provider signs in; the sign-in
         * page offers each (unless auth.environment is production).
         * @visibility frontend
         */
        users?: string[];
      };
    };
  };
}
