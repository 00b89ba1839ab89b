// The input tables extraction writes (declared schemas in relc's input-schema syntax), one
// definition shared by the extractor, `relc build` and the python-cpg pack. Columns: CONTEXT.md.

/** Table → column → relc type (`?` = nullable). Column order is the order rows are written in. */
export const INPUT_TABLES = {
  files: {
    file_id: 'utf8', path: 'utf8', module: 'utf8', is_package: 'bool', content_hash: 'utf8',
    size: 'int64', line_count: 'int64', status: 'utf8',
  },
  nodes: {
    node_id: 'utf8', file_id: 'utf8', kind: 'utf8', bstart: 'int64', bend: 'int64',
    start_line: 'int32', start_col: 'int32', end_line: 'int32', end_col: 'int32', parent_id: 'utf8?',
  },
  defs: {
    def_id: 'utf8', file_id: 'utf8', kind: 'utf8', name: 'utf8', qualified_name: 'utf8',
    parent_def_id: 'utf8?', bstart: 'int64', bend: 'int64', line: 'int32', col: 'int32',
    name_bstart: 'int64?', name_bend: 'int64?', is_async: 'bool', decorators: 'utf8?', n_params: 'int32',
  },
  scopes: {
    def_id: 'utf8', file_id: 'utf8', ancestor_id: 'utf8', ancestor_kind: 'utf8', distance: 'int32',
  },
  decorators: {
    def_id: 'utf8', file_id: 'utf8', position: 'int32', text: 'utf8', head: 'utf8?', parts: 'utf8?',
    is_call: 'bool', node_id: 'utf8', bstart: 'int64', bend: 'int64', line: 'int32',
  },
  params: {
    def_id: 'utf8', file_id: 'utf8', position: 'int32', name: 'utf8', kind: 'utf8', has_default: 'bool',
    annotation_text: 'utf8?', default_text: 'utf8?', bstart: 'int64', bend: 'int64', line: 'int32',
  },
  calls: {
    call_id: 'utf8', file_id: 'utf8', scope_def_id: 'utf8', callee_text: 'utf8', callee_kind: 'utf8',
    callee_head: 'utf8?', callee_attr: 'utf8?', callee_parts: 'utf8?', callee_path: 'utf8?', receiver_text: 'utf8?',
    callee_node_id: 'utf8', n_args: 'int32', n_kwargs: 'int32', has_star: 'bool',
    bstart: 'int64', bend: 'int64', line: 'int32', col: 'int32',
  },
  call_args: {
    call_id: 'utf8', file_id: 'utf8', position: 'int32', keyword: 'utf8?', value_kind: 'utf8',
    value_text: 'utf8', value_head: 'utf8?', value_parts: 'utf8?', value_path: 'utf8?', value_node_id: 'utf8', value_def_id: 'utf8?',
  },
  imports: {
    import_id: 'utf8', file_id: 'utf8', scope_def_id: 'utf8', kind: 'utf8', module_text: 'utf8',
    level: 'int32', imported_name: 'utf8?', alias: 'utf8?', bound_name: 'utf8?', resolved_module: 'utf8?',
    bstart: 'int64', bend: 'int64', line: 'int32',
  },
  names: {
    name_id: 'utf8', file_id: 'utf8', scope_def_id: 'utf8', name: 'utf8', ctx: 'utf8',
    bstart: 'int64', bend: 'int64', line: 'int32', col: 'int32',
  },
  class_bases: {
    def_id: 'utf8', file_id: 'utf8', position: 'int32', keyword: 'utf8?', base_text: 'utf8',
    base_head: 'utf8?', base_attr: 'utf8?', base_parts: 'utf8?', bstart: 'int64', bend: 'int64',
  },
  assignments: {
    assign_id: 'utf8', file_id: 'utf8', scope_def_id: 'utf8', position: 'int32', target: 'utf8',
    target_kind: 'utf8', target_head: 'utf8?', target_parts: 'utf8?', op: 'utf8',
    value_kind: 'utf8', value_text: 'utf8', value_head: 'utf8?', value_parts: 'utf8?', value_path: 'utf8?',
    value_node_id: 'utf8', value_def_id: 'utf8?', bstart: 'int64', bend: 'int64', line: 'int32',
  },
  returns: {
    return_id: 'utf8', file_id: 'utf8', scope_def_id: 'utf8', kind: 'utf8', value_kind: 'utf8?',
    value_text: 'utf8?', value_head: 'utf8?', value_parts: 'utf8?', value_path: 'utf8?', value_node_id: 'utf8?', value_def_id: 'utf8?',
    bstart: 'int64', bend: 'int64', line: 'int32',
  },
  elements: {
    container_id: 'utf8', file_id: 'utf8', scope_def_id: 'utf8', container_kind: 'utf8', position: 'int32',
    key_text: 'utf8?', value_kind: 'utf8', value_text: 'utf8', value_head: 'utf8?', value_parts: 'utf8?',
    value_node_id: 'utf8', value_def_id: 'utf8?',
  },
  parse_errors: {
    file_id: 'utf8?', path: 'utf8', kind: 'utf8', node_type: 'utf8?', bstart: 'int64?', bend: 'int64?',
    line: 'int32?', col: 'int32?', message: 'utf8',
  },
} as const satisfies Record<string, Record<string, string>>;

export type TableName = keyof typeof INPUT_TABLES;
export const TABLE_NAMES = Object.keys(INPUT_TABLES) as TableName[];

/** A row of a table: one value per column, in column order (numbers for int32/int64, JSON-safe). */
export type Row = readonly (string | number | boolean | null)[];

/** The declared columns of a table, in order. */
export function columnsOf(table: TableName): readonly string[] {
  return Object.keys(INPUT_TABLES[table]);
}

/** The `inputs:` entries a pack declares for the extracted tables (paths under `dir`). */
export function inputDeclarations(dir = 'tables'): Record<string, { path: string; schema: Record<string, string> }> {
  const out: Record<string, { path: string; schema: Record<string, string> }> = {};
  for (const t of TABLE_NAMES) out[t] = { path: `${dir}/${t}.jsonl`, schema: { ...INPUT_TABLES[t] } };
  return out;
}
