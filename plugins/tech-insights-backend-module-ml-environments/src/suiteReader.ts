import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DataGrant,
  DefaultApiClient,
  GuardrailException,
  OrganizationView,
  ProjectLayout,
} from '@mlgov/plugin-ml-environments-common';

/** What one run of the retrievers reads from the ML environments backend. */
export interface SuiteReader {
  /** undefined while the suite has no snapshot yet (503). */
  organization(): Promise<OrganizationView | undefined>;
  /** undefined when the suite knows no such project (404). */
  project(project: string): Promise<ProjectLayout | undefined>;
  exceptions(): Promise<GuardrailException[]>;
  dataGrants(): Promise<DataGrant[]>;
}

/**
 * Reads the suite's routes as this plugin (its own service credentials),
 * each answer once per run: the project and account retrievers of one run
 * share it, so a thousand accounts cost one organization read.
 */
export function suiteReader(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): SuiteReader {
  const { discovery, auth } = options;
  const client = new DefaultApiClient({
    discoveryApi: discovery,
    fetchApi: { fetch },
  });
  const token = async () =>
    auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'ml-environments',
    });
  const once = <T>(read: () => Promise<T>) => {
    let answer: Promise<T> | undefined;
    return () => (answer ??= read());
  };
  const bodyOf = async <T>(
    response: Response & { json(): Promise<T> },
    absentOn?: number,
  ): Promise<T | undefined> => {
    if (absentOn !== undefined && response.status === absentOn) {
      return undefined;
    }
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  };
  const projects = new Map<string, Promise<ProjectLayout | undefined>>();
  return {
    organization: once(async () =>
      bodyOf(await client.getOrganization(await token()), 503),
    ),
    project: project => {
      if (!projects.has(project)) {
        projects.set(
          project,
          token().then(async t =>
            bodyOf(await client.getProject({ path: { project } }, t), 404),
          ),
        );
      }
      return projects.get(project)!;
    },
    exceptions: once(async () => {
      const list = await bodyOf(
        await client.listGuardrailExceptions({ query: {} }, await token()),
      );
      return list?.items ?? [];
    }),
    dataGrants: once(async () => {
      const list = await bodyOf(
        await client.listDataGrants({ query: {} }, await token()),
      );
      return list?.items ?? [];
    }),
  };
}
