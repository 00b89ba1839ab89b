// One file's extracted rows as JSON Lines text per table (objects keyed by the declared columns,
// in column order): the unit the extraction cache keeps and the table files are made of.

import { columnsOf, TABLE_NAMES, type Row, type TableName } from '../extract/tables.ts';
import type { TableRows } from '../extract/rows.ts';

export type TableText = Record<TableName, string>;

const PREFIXES = Object.fromEntries(TABLE_NAMES.map((t) => [t, columnsOf(t).map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c)}:`)])) as Record<TableName, string[]>;

/** JSON.stringify of one cell, without the call for what needs no escaping (most cells are ids, numbers, flags). */
function cell(v: Row[number] | undefined): string {
  if (v == null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return JSON.stringify(v);
  }
}

export function tableText(rows: TableRows): TableText {
  const out = {} as TableText;
  for (const t of TABLE_NAMES) {
    const p = PREFIXES[t];
    const rs = rows[t];
    if (rs.length === 0) {
      out[t] = '';
      continue;
    }
    // one flat string per table from its pieces (a `+=` chain would build a rope of every piece)
    const parts: string[] = [];
    for (const r of rs) {
      for (let i = 0; i < p.length; i++) parts.push(p[i]!, cell(r[i]));
      parts.push('}\n');
    }
    out[t] = parts.join('');
  }
  return out;
}
