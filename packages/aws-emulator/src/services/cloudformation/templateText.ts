// A template's text as its document: JSON, or YAML with CloudFormation's
// short forms (`!Ref x` is `{Ref: x}`), refused in CloudFormation's words.
import {
  Pair,
  Scalar,
  YAMLMap,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
} from 'yaml';
import type { Template } from './template.ts';

/** YAML's short forms (`!Ref x`) as the long ones (`{Ref: x}`). */
function withLongForms(document: ReturnType<typeof parseDocument>) {
  visit(document, (_key, node) => {
    if (!(isScalar(node) || isMap(node) || isSeq(node))) return undefined;
    const tag = node.tag;
    if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return undefined;
    const name = tag.slice(1);
    node.tag = undefined;
    let inner: unknown = node;
    if (name === 'GetAtt' && isScalar(node)) {
      const text = String(node.value);
      const dot = text.indexOf('.');
      inner = document.createNode([text.slice(0, dot), text.slice(dot + 1)]);
    }
    const map = new YAMLMap();
    map.items.push(
      new Pair(
        new Scalar(
          name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`,
        ),
        inner,
      ),
    );
    return map;
  });
}

/** A template's text as its document; throws with CloudFormation's wording. */
export function parseTemplateText(text: string): Template {
  let parsed: unknown;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(
        `Template format error: JSON not well-formed. (${
          (error as Error).message
        })`,
      );
    }
  } else {
    const document = parseDocument(text);
    if (document.errors.length > 0) {
      throw new Error(
        `Template format error: YAML not well-formed. (${
          document.errors[0].message.split('\n')[0]
        })`,
      );
    }
    withLongForms(document);
    parsed = document.toJS();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(
      'Template format error: a template is a JSON or YAML object.',
    );
  }
  return parsed as Template;
}
