// The tree-sitter Python parser (web-tree-sitter + the .wasm shipped in tree-sitter-python),
// loaded once per thread.

import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

export interface PythonParser {
  readonly parser: Parser;
  readonly typeNames: readonly (string | null)[];
  readonly fieldNames: readonly (string | null)[];
}

let loading: Promise<PythonParser> | undefined;

export function pythonParser(): Promise<PythonParser> {
  loading ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    const typeNames: (string | null)[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) typeNames.push(language.nodeTypeForId(id));
    const fieldNames: (string | null)[] = [null];
    for (let id = 1; id <= language.fieldCount; id++) fieldNames.push(language.fieldNameForId(id));
    return { parser, typeNames, fieldNames };
  })();
  return loading;
}
