/**
 * A collapsible table: the text alternative shown beside every chart. Its rows are built only while it is open:
 * a year of weeks by ten series is hundreds of formatted cells that a closed table would build on every range
 * switch for nothing.
 */
import { useState } from 'react';
import { SimpleTable, type TableRow } from '../../lib/ui/SimpleTable';

export function ChartTable({ caption, head, rows }: { caption: string; head: string[]; rows: () => TableRow[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {open ? 'Hide table' : 'Show as table'}
      </button>
      {open && (
        // A scrolling region must be reachable by keyboard (WCAG 2.1.1), and named for what it holds.
        <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
          <SimpleTable caption={caption} head={head} rows={rows()} />
        </div>
      )}
    </>
  );
}
