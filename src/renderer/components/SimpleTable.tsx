/** A plain data table: a header row, and rows whose first cell is the row header. */
import type { ReactNode } from 'react';

export interface TableRow {
  key: string;
  cells: ReactNode[];
  /** Class names for the cells after the first, by position (e.g. status colours). */
  cellClass?: (string | undefined)[];
}

export function SimpleTable({ caption, head, rows, className }: { caption?: string; head: ReactNode[]; rows: TableRow[]; className?: string }) {
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
          <tr key={r.key}>
            <th scope="row">{r.cells[0]}</th>
            {r.cells.slice(1).map((c, i) => (
              <td key={i} className={r.cellClass?.[i]}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const actionsHeader = <span className="visually-hidden">Actions</span>;
