// A minimal CodePipeline: the pipelines products' stacks create, read back
// with GetPipeline and ListPipelines; nothing runs them.
import { AwsError } from '../../errors.ts';
import { type Handlers, paginate } from '../../context.ts';
import type { EmulatorState } from '../../state.ts';
import type { CodePipelineRecord } from '../../stateResources.ts';

export const codePipelineMutations: ReadonlySet<string> = new Set();

/** Records a pipeline from its declaration (the `pipeline` of GetPipeline). */
export function createCodePipeline(
  state: EmulatorState,
  accountId: string,
  region: string,
  declaration: Record<string, unknown> & { name: string },
): CodePipelineRecord {
  const arn = `arn:aws:codepipeline:${region}:${accountId}:${declaration.name}`;
  if (state.codePipelines.has(arn)) {
    throw new AwsError(
      'PipelineNameInUseException',
      `A pipeline with the name '${declaration.name}' already exists in account '${accountId}'`,
    );
  }
  const pipeline: CodePipelineRecord = {
    name: declaration.name,
    arn,
    accountId,
    declaration: { ...declaration, version: 1 },
    version: 1,
    createdAt: new Date(),
  };
  state.codePipelines.set(arn, pipeline);
  return pipeline;
}

function pipelineOf(state: EmulatorState, accountId: string, name: string) {
  const pipeline = [...state.codePipelines.values()].find(
    p => p.accountId === accountId && p.name === name,
  );
  if (!pipeline) {
    throw new AwsError(
      'PipelineNotFoundException',
      `Account '${accountId}' does not have a pipeline with name '${name}'`,
    );
  }
  return pipeline;
}

export function codePipelineHandlers(): Handlers {
  return {
    GetPipeline: ({ state, caller }, input) => {
      const pipeline = pipelineOf(state, caller.accountId, input.name);
      if (input.version !== undefined && input.version !== pipeline.version) {
        throw new AwsError(
          'PipelineVersionNotFoundException',
          `Pipeline '${input.name}' has no version ${input.version}`,
        );
      }
      return {
        pipeline: pipeline.declaration,
        metadata: {
          pipelineArn: pipeline.arn,
          created: pipeline.createdAt,
          updated: pipeline.createdAt,
        },
      };
    },
    ListPipelines: ({ state, caller }, input) => {
      const { page, nextToken } = paginate(
        [...state.codePipelines.values()]
          .filter(p => p.accountId === caller.accountId)
          .sort((a, b) => a.name.localeCompare(b.name)),
        input.maxResults,
        input.nextToken,
        { max: 1000, default: 1000 },
        () =>
          new AwsError(
            'InvalidNextTokenException',
            'The next token was specified in an invalid format.',
          ),
      );
      return {
        pipelines: page.map(p => ({
          name: p.name,
          version: p.version,
          pipelineType: p.declaration.pipelineType ?? 'V1',
          executionMode: p.declaration.executionMode ?? 'SUPERSEDED',
          created: p.createdAt,
          updated: p.createdAt,
        })),
        nextToken,
      };
    },
  };
}
