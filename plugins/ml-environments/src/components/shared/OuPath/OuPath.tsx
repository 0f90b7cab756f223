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

/**
 * Text whose long ids and paths may break after their slashes and
 * underscores (AWS-GR_S3_…, Workloads/Workloads_Dev), and nowhere else
 * inside a word: narrow columns wrap them without splitting words.
 */
export function BreakableIds({ text }: { text: string }) {
  const parts = text.split(/(?<=[/_])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
