/** A plain data table: a header row, rows whose first cell is the row header, and an optional total row. */
import type { ReactNode } from 'react';

export interface TableRow {
  key: string;
  cells: ReactNode[];
  /** Class names for the cells after the first, by position (e.g. status colours). */
  cellClass?: (string | undefined)[];
}

function BodyRow({ row }: { row: TableRow }) {
  return (
    <tr>
      <th scope="row">{row.cells[0]}</th>
      {row.cells.slice(1).map((c, i) => (
        <td key={i} className={row.cellClass?.[i]}>
          {c}
        </td>
      ))}
    </tr>
  );
}

export function SimpleTable({
  caption,
  head,
  rows,
  className,
  foot,
}: {
  caption?: string;
  head: ReactNode[];
  rows: TableRow[];
  className?: string;
  foot?: TableRow;
}) {
  return (
    <table className={className}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {head.map((h, i) => (
            <th scope="col" key={i}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <BodyRow key={r.key} row={r} />
        ))}
      </tbody>
      {foot && (
        <tfoot>
          <BodyRow row={foot} />
        </tfoot>
      )}
    </table>
  );
}

export const actionsHeader = <span className="visually-hidden">Actions</span>;
