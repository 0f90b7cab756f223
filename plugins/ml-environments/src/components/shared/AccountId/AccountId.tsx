/** Twelve digits read as one: monospace, never broken across lines. */
const ID_STYLE = { fontFamily: 'monospace', whiteSpace: 'nowrap' } as const;

/** An AWS account id, monospace and on one line. */
export function AccountId({ id }: { id: string }) {
  return <span style={ID_STYLE}>{id}</span>;
}

/**
 * An account as "name (id)" (a stage or a name), on one line: in a narrow
 * table column the id broke into three.
 */
export function AccountLabel({ name, id }: { name: string; id: string }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {name} (<AccountId id={id} />)
    </span>
  );
}
