// A YAML-or-JSON document (a `--schema` map) read to plain values: a JSON text goes through
// JSON.parse (a TPC-H schema: 0.1 ms, where the YAML parser takes ~13 ms cold and loads 250 KB of
// code); anything else, and JSON that repeats a key in one object, through the YAML parser, so
// every text reads as before: YAML is a superset of JSON, and it rejects repeated keys where
// JSON.parse would keep the last one silently.

/** The document's value, as the YAML parser would give it. Throws the YAML parser's error. */
export async function parseJsonOrYaml(text: string): Promise<unknown> {
  const json = parseJson(text);
  if (json.ok && countKeys(json.value) === countKeyTokens(text)) return json.value;
  // Inside the CLI bundle a dynamically imported CommonJS package arrives as its `default` only.
  const yaml: typeof import('yaml') & { default?: typeof import('yaml') } = await import('yaml');
  return (yaml.default ?? yaml).parse(text);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Keys of every object in a parsed JSON value. */
function countKeys(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const values: unknown[] = Array.isArray(v) ? v : Object.values(v);
  return (Array.isArray(v) ? 0 : values.length) + values.reduce((n: number, x) => n + countKeys(x), 0);
}

/** Keys written in a valid JSON text: the strings followed by a colon. */
function countKeyTokens(text: string): number {
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    let j = i + 1;
    while (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r') j++;
    if (text[j] === ':') keys++;
  }
  return keys;
}
