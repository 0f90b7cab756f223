import { Fragment } from 'react';

/**
 * An OU path that breaks only after its slashes (Workloads/ then
 * Workloads_Dev), never inside an OU's name; `''` is the root.
 */
export function OuPath({ path }: { path: string }) {
  const names = (path || 'Root').split('/');
  return (
    <span style={{ wordBreak: 'normal', overflowWrap: 'normal' }}>
      {names.map((name, i) => (
        <Fragment key={i}>
          {name}
          {i < names.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}
