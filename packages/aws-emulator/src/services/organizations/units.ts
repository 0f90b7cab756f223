/** Organizational units and the tree. */
import { AwsError, constraintViolation, invalidInput } from '../../errors.ts';
import { tagsFromList, type OperationGroup } from '../../context.ts';
import {
  required,
  page,
  createOu,
  describeOu,
  getOu,
  getParent,
} from './shared.ts';

export const unitsOperations: OperationGroup = {
  mutations: new Set(['CreateOrganizationalUnit', 'DeleteOrganizationalUnit']),
  handlers: {
    CreateOrganizationalUnit: ({ state, config }, input) => {
      required(input, 'ParentId', 'Name');
      if (state.ous.size >= config.maxOusPerOrganization) {
        throw constraintViolation(
          'OU_NUMBER_LIMIT_EXCEEDED',
          `The organization already has ${state.ous.size} OUs, its quota.`,
        );
      }
      const ou = createOu(
        state,
        input.ParentId,
        input.Name,
        tagsFromList(input.Tags),
      );
      return { OrganizationalUnit: describeOu(state, ou) };
    },

    DescribeOrganizationalUnit: ({ state }, input) => {
      required(input, 'OrganizationalUnitId');
      return {
        OrganizationalUnit: describeOu(
          state,
          getOu(state, input.OrganizationalUnitId),
        ),
      };
    },

    DeleteOrganizationalUnit: ({ state }, input) => {
      required(input, 'OrganizationalUnitId');
      const ou = getOu(state, input.OrganizationalUnitId);
      const hasChildren =
        [...state.ous.values()].some(child => child.parentId === ou.id) ||
        [...state.accounts.values()].some(
          account => account.parentId === ou.id,
        );
      if (hasChildren) {
        throw new AwsError(
          'OrganizationalUnitNotEmptyException',
          `Organizational unit ${ou.id} still contains accounts or OUs.`,
        );
      }
      state.ous.delete(ou.id);
      for (const targets of state.attachments.values()) targets.delete(ou.id);
      return {};
    },

    ListOrganizationalUnitsForParent: ({ state }, input) => {
      required(input, 'ParentId');
      getParent(state, input.ParentId);
      const children = [...state.ous.values()].filter(
        ou => ou.parentId === input.ParentId,
      );
      const { page: ous, nextToken } = page(
        children.map(ou => describeOu(state, ou)),
        input,
      );
      return { OrganizationalUnits: ous, NextToken: nextToken };
    },

    ListChildren: ({ state }, input) => {
      required(input, 'ParentId', 'ChildType');
      getParent(state, input.ParentId);
      const childrenByType: Record<
        string,
        Array<{ id: string; parentId: string }>
      > = {
        ORGANIZATIONAL_UNIT: [...state.ous.values()],
        ACCOUNT: [...state.accounts.values()],
      };
      const children = childrenByType[input.ChildType]?.filter(
        child => child.parentId === input.ParentId,
      );
      if (!children) {
        throw invalidInput(
          'INVALID_ENUM',
          'ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.',
        );
      }
      const { page: items, nextToken } = page(
        children.map(child => ({ Id: child.id, Type: input.ChildType })),
        input,
      );
      return { Children: items, NextToken: nextToken };
    },

    ListParents: ({ state }, input) => {
      required(input, 'ChildId');
      const child =
        state.accounts.get(input.ChildId) ?? state.ous.get(input.ChildId);
      if (!child) {
        throw new AwsError(
          'ChildNotFoundException',
          `Child ${input.ChildId} does not exist.`,
        );
      }
      const type =
        child.parentId === state.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
      return { Parents: [{ Id: child.parentId, Type: type }] };
    },
  },
};
