import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  OrganizationSnapshot,
  ProductCheckResult,
  ProductTemplate,
  checkTemplate,
  partitionOf,
  scpChainFor,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';

/**
 * Whether the SCPs from the root down to an OU let CloudFormation create a
 * product template's resources there, before an administrator publishes it
 * for that OU. Pure evaluation of the latest snapshot: no AWS call, nothing
 * changed.
 */
export class ProductCheck {
  constructor(
    private readonly options: {
      /** The latest snapshot (503 before the first). */
      snapshots: { latestSnapshot(): Promise<OrganizationSnapshot> };
      clients: Pick<MlAwsClients, 'awsConfig'>;
    },
  ) {}

  /**
   * Fails closed while the snapshot has no OUs or SCPs yet, since a chain
   * without policies would allow everything.
   */
  async check(
    template: ProductTemplate,
    targetOu: string,
  ): Promise<ProductCheckResult> {
    const snapshot = await this.options.snapshots.latestSnapshot();
    if (
      snapshot.loading?.some(
        section => section === 'tree' || section === 'policies',
      )
    ) {
      throw new ServiceUnavailableError(
        "The suite has not finished reading the organization's OUs and SCPs yet, so it cannot judge a template; try again shortly",
      );
    }
    const ou = snapshot.ous.find(o => o.path === targetOu);
    if (!ou) {
      const known = snapshot.ous.map(o => o.path).sort();
      const shown = known.slice(0, 10).join(', ');
      const more = known.length > 10 ? ` and ${known.length - 10} more` : '';
      throw new InputError(
        `No OU ${JSON.stringify(
          targetOu,
        )} in the organization; give an OU path from the root, such as ${shown}${more}`,
      );
    }
    const { region, memberAccountRoleName } = this.options.clients.awsConfig;
    // The suite launches products as its member-account role. An OU has no
    // single account, so the ARN carries the placeholder account
    // 000000000000: SCPs that exempt roles match them by name across
    // accounts (arn:aws:iam::*:role/…), which this still decides.
    const principalArn = `arn:${
      partitionOf(region).partition
    }:iam::000000000000:role/${memberAccountRoleName}`;
    return checkTemplate(scpChainFor(snapshot, ou.id), template, {
      principalArn,
    });
  }
}
