import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';
import {
  guardrailStateLabel,
  guardrailStatusKind,
} from '../../shared/GuardrailStateBadge';
import { AccountNodeData, projectGraph } from './projectGraph';

// Sized for the longest account line at 14 px. The graph runs top to bottom
// (promotion goes down), so it is at most three nodes wide and is drawn at
// full size on a 1440 px screen instead of being shrunk to fit.
const NODE_WIDTH = 350;
const NODE_HEIGHT = 104;

const useStyles = makeStyles((theme: any) => ({
  box: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.divider,
    strokeWidth: 1.5,
  },
  shared: {
    fill: theme.palette.background.default,
    stroke: theme.palette.divider,
    strokeDasharray: '4 3',
  },
  ou: { fill: theme.palette.text.secondary, fontSize: 13 },
  heading: {
    fill: theme.palette.text.primary,
    fontSize: 17,
    fontWeight: 600,
  },
  detail: { fill: theme.palette.text.primary, fontSize: 14 },
  misplaced: { fill: theme.palette.error.main, fontSize: 13 },
  ok: { fill: theme.palette.status?.ok ?? theme.palette.success.main },
  excepted: { fill: theme.palette.status?.aborted ?? theme.palette.grey[700] },
  pending: { fill: theme.palette.status?.pending ?? theme.palette.grey[500] },
  warning: {
    fill: theme.palette.status?.warning ?? theme.palette.warning.main,
  },
  error: { fill: theme.palette.status?.error ?? theme.palette.error.main },
}));

function AccountNode({
  node,
}: DependencyGraphTypes.RenderNodeProps<AccountNodeData>) {
  const classes = useStyles();
  return (
    <g data-testid={`account-node-${node.id}`}>
      <rect
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={6}
        className={node.state ? classes.box : classes.shared}
      />
      <text x={12} y={20} className={classes.ou}>
        OU {node.ou}
      </text>
      <text x={12} y={44} className={classes.heading}>
        {node.heading}
      </text>
      <text x={12} y={66} className={classes.detail}>
        {node.detail}
      </text>
      {node.state && (
        <g>
          <circle
            cx={18}
            cy={87}
            r={6}
            className={classes[guardrailStatusKind(node.state)]}
          />
          <text x={30} y={92} className={classes.detail}>
            {guardrailStateLabel(node.state)}
          </text>
        </g>
      )}
      {node.belongsIn && (
        <text x={140} y={92} className={classes.misplaced}>
          belongs in {node.belongsIn}
        </text>
      )}
    </g>
  );
}

/**
 * The project's account layout as the guide draws it: accounts with their
 * OU, stage, id and guardrail status, the shared accounts the pattern uses,
 * and the promotion and deployment path between them.
 */
export function MlProjectDiagram({ layout }: { layout: ProjectLayout }) {
  const { nodes, edges } = projectGraph(layout);
  return (
    <DependencyGraph<AccountNodeData, {}>
      nodes={nodes}
      edges={edges}
      renderNode={AccountNode}
      direction={DependencyGraphTypes.Direction.TOP_BOTTOM}
      labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
      showArrowHeads
      zoom="enable-on-click"
      fit="grow"
      rankMargin={60}
      nodeMargin={40}
      paddingX={10}
      paddingY={10}
    />
  );
}
