export interface Config {
  /**
   * Configuration of the ML environments plugins; the `aws` part is described
   * by @mlgov/plugin-ml-environments-node.
   */
  mlEnvironments?: {};
}
