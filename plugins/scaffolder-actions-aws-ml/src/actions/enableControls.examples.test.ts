import { createEnableControlsAction } from './enableControls';
import { examples } from './enableControls.examples';
import { runExample } from './__testUtils__/examples';

describe('aws:controltower:enableControls examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(example, createEnableControlsAction, ({ outputs, env }) => {
      // The demo organization already has both on Workloads_Prod.
      expect(outputs.enabled).toEqual([]);
      expect(env.mutatingCalls()).toEqual({});
    }),
  );
});
