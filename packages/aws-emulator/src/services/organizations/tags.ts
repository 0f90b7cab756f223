/** Tags on the root, OUs, accounts and policies. */
import {
  tagsFromList,
  tagsToList,
  type OperationGroup,
} from '../../context.ts';
import { required, page, validateTags, tagsOf } from './shared.ts';

export const tagsOperations: OperationGroup = {
  mutations: new Set(['TagResource', 'UntagResource']),
  handlers: {
    TagResource: ({ state }, input) => {
      required(input, 'ResourceId', 'Tags');
      const tags = tagsOf(state, input.ResourceId);
      const added = tagsFromList(input.Tags);
      const newKeys = Object.keys(added).filter(key => !(key in tags)).length;
      validateTags(
        added,
        Object.keys(tags).length + newKeys - Object.keys(added).length,
      );
      Object.assign(tags, added);
      return {};
    },

    UntagResource: ({ state }, input) => {
      required(input, 'ResourceId', 'TagKeys');
      const tags = tagsOf(state, input.ResourceId);
      for (const key of input.TagKeys) delete tags[key];
      return {};
    },

    ListTagsForResource: ({ state }, input) => {
      required(input, 'ResourceId');
      const { page: tags, nextToken } = page(
        tagsToList(tagsOf(state, input.ResourceId)),
        input,
      );
      return { Tags: tags, NextToken: nextToken };
    },
  },
};
