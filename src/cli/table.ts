// Plain-text tables of canonical rows for the terminal.

function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'object') return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

export function formatTable(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const body = rows.map((r) => r.map(cell));
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...body.map((r) => r[i]!.length))));
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: readonly string[]) => cells.map((c, i) => fit(c, widths[i]!)).join(' │ ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)].join('\n');
}
