import {
  DataGrant,
  ProjectLayout,
  mlEnvironmentsDataAccessApprovePermission,
  mlProjectDataAccessRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import { RequestsCard, askedAndDecided, day } from '../../shared/RequestsCard';
import { GrantAccess, NotebookSnippet } from './GrantAccess';
import { GrantRedaction } from './GrantRedaction';

/** Where the owner group asks for data access. */
export const DATA_ACCESS_TEMPLATE_PATH =
  '/create/templates/default/ml-request-data-access';

const history = (g: DataGrant) =>
  askedAndDecided(g) + (g.revokedAt ? `; ended on ${day(g.revokedAt)}` : '');

/**
 * A project's read access to the data lake: each database an account reads
 * (or asked to), who decided, approve/reject for data owners and end-now
 * for the owner group. The backend decides every action again.
 *
 * @public
 */
export function MlDataGrantsCard(props: { layout: ProjectLayout }) {
  return (
    <RequestsCard<DataGrant>
      layout={props.layout}
      title="Data-lake access"
      subject={{
        title: 'Database',
        render: g => (
          <>
            {g.database}
            <GrantAccess grant={g} />
          </>
        ),
      }}
      subheader="Read-only access (Lake Formation) of the project's accounts to the data lake's databases, approved by their data owners"
      list={(api, project) => api.listDataGrants(project)}
      decide={(api, id, decision) => api.decideDataGrant(id, decision)}
      reasonNote={g => <GrantRedaction grant={g} />}
      footer={grants => <NotebookSnippet grants={grants} />}
      approve={mlEnvironmentsDataAccessApprovePermission}
      revoke={mlProjectDataAccessRevokePermission}
      empty="No access to the data lake: the project's accounts read no corporate data."
      template={DATA_ACCESS_TEMPLATE_PATH}
      ask="Request data access"
      history={history}
    />
  );
}
