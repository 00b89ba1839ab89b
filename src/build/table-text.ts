// One file's extracted rows as JSON Lines text per table (objects keyed by the declared columns,
// in column order): the unit the extraction cache keeps and the table files are made of.

import { columnsOf, TABLE_NAMES, type Row, type TableName } from '../extract/tables.ts';
import type { TableRows } from '../extract/rows.ts';

export type TableText = Record<TableName, string>;

const PREFIXES = Object.fromEntries(TABLE_NAMES.map((t) => [t, columnsOf(t).map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c)}:`)])) as Record<TableName, string[]>;

function rowLine(prefixes: readonly string[], row: Row): string {
  let s = '';
  for (let i = 0; i < prefixes.length; i++) s += prefixes[i]! + JSON.stringify(row[i] ?? null);
  return `${s}}\n`;
}

export function tableText(rows: TableRows): TableText {
  const out = {} as TableText;
  for (const t of TABLE_NAMES) {
    const p = PREFIXES[t];
    let s = '';
    for (const r of rows[t]) s += rowLine(p, r);
    out[t] = s;
  }
  return out;
}
