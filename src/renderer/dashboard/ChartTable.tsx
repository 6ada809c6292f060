/** A collapsible table: the text alternative shown beside every chart. */
import { useState } from 'react';
import { SimpleTable, type TableRow } from '../components/SimpleTable';

export function ChartTable({ caption, head, rows }: { caption: string; head: string[]; rows: TableRow[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {open ? 'Hide table' : 'Show as table'}
      </button>
      {open && (
        <div className="table-scroll">
          <SimpleTable caption={caption} head={head} rows={rows} />
        </div>
      )}
    </>
  );
}
