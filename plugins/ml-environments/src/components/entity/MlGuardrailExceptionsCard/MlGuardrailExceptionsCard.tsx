import Typography from '@material-ui/core/Typography';
import {
  GuardrailException,
  ProjectLayout,
  findGuardrail,
  mlEnvironmentsExceptionApprovePermission,
  mlProjectExceptionRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import {
  RequestColumn,
  RequestsCard,
  askedAndDecided,
  day,
} from '../../shared/RequestsCard';

/** Where the owner group asks for an exception. */
export const EXCEPTION_TEMPLATE_PATH =
  '/create/templates/default/ml-request-guardrail-exception';

const guardrail: RequestColumn<GuardrailException> = {
  title: 'Guardrail',
  render: e => (
    <>
      {findGuardrail(e.guardrailId)?.title ?? e.guardrailId}
      <Typography variant="caption" display="block">
        {e.guardrailId}
      </Typography>
    </>
  ),
};

// The end date on one line: it wrapped in the narrow column.
const ends: RequestColumn<GuardrailException> = {
  title: 'Ends',
  render: e => day(e.endsAt),
  style: { whiteSpace: 'nowrap' },
};

/**
 * A project's guardrail exceptions: what was asked, decided and is in force,
 * with approve/reject for approvers and end-now for the owner group. The
 * backend decides every action again; the buttons only follow permissions.
 *
 * @public
 */
export function MlGuardrailExceptionsCard(props: { layout: ProjectLayout }) {
  return (
    <RequestsCard<GuardrailException>
      layout={props.layout}
      title="Guardrail exceptions"
      subject={guardrail}
      subheader="A guardrail lifted for one account until a date, asked by the owner group and approved by the platform team"
      list={(api, project) => api.listExceptions(project)}
      decide={(api, id, decision) => api.decideException(id, decision)}
      columns={[ends]}
      approve={mlEnvironmentsExceptionApprovePermission}
      revoke={mlProjectExceptionRevokePermission}
      empty="No exceptions: every guardrail applies to every account of this project."
      template={EXCEPTION_TEMPLATE_PATH}
      ask="Request an exception"
      history={e =>
        askedAndDecided(e, e.state === 'revoked' ? 'revoked' : 'decided')
      }
    />
  );
}
