import { createGrantDataAccessAction } from './grantDataAccess';
import { examples } from './grantDataAccess.examples';
import { runExample } from './__testUtils__/examples';
import { churnAuthority } from './__testUtils__/authority';

describe('aws:lakeformation:grantDataAccess examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) => {
    const authority = churnAuthority();
    return runExample(
      example,
      createGrantDataAccessAction,
      async ({ input, outputs }) => {
        expect(outputs.grants.map((g: any) => g.database)).toEqual(
          input.databases,
        );
        expect(authority.dataGrants.map(g => g.database)).toEqual(
          input.databases,
        );
      },
      authority,
    );
  });
});
