'use client';
import type { ReactNode } from 'react';

export interface DataColumn {
  label: string;
  numeric?: boolean;
}

/**
 * A chart with a caption and the same numbers as a table under "Show the data", so the figures
 * are there for screen readers, keyboard users and anyone who wants the exact values.
 */
export function ChartFigure({ id, title, children, columns, rows }: { id: string; title: string; children: ReactNode; columns: readonly DataColumn[]; rows: readonly (readonly ReactNode[])[] }) {
  return (
    <figure className="chart-figure panel" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {children}
      <details>
        <summary>Show the data</summary>
        <div className="table-scroll" role="region" aria-label={`${title}: data`} tabIndex={0}>
          <table>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, cellIndex) => (
                    <td key={cellIndex} className={columns[cellIndex]?.numeric ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
