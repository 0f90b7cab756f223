import type { EmulatorConfig } from './config.ts';
import type { Credential, EmulatorState } from './state.ts';

export interface CallContext {
  state: EmulatorState;
  config: EmulatorConfig;
  caller: Credential;
  region: string;
  /** The endpoint the call was made to, e.g. for queue URLs. */
  endpoint: string;
}

/** An operation of a service: takes the parsed input, returns the output. */
export type Handler = (ctx: CallContext, input: any) => unknown;

export type Handlers = Record<string, Handler>;

/** A group of a service's operations, declaring which of them change state. */
export interface OperationGroup {
  handlers: Handlers;
  mutations: ReadonlySet<string>;
}

/** Pages a list the way AWS does: an opaque NextToken and a bounded page size. */
export function paginate<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  limits: { max: number; default?: number },
  invalidToken: () => Error,
): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken) {
    const decoded = Number(Buffer.from(nextToken, 'base64url').toString());
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > items.length) {
      throw invalidToken();
    }
    offset = decoded;
  }
  const size = Math.min(maxResults ?? limits.default ?? limits.max, limits.max);
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return {
    page,
    nextToken:
      next < items.length
        ? Buffer.from(String(next)).toString('base64url')
        : undefined,
  };
}

export function tagsFromList(list: Array<{ Key: string; Value: string }> = []) {
  return Object.fromEntries(list.map(tag => [tag.Key, tag.Value]));
}

export function tagsToList(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
