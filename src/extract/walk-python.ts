// The syntactic facts of one parsed Python file as table rows: defs and their scopes, params,
// calls, imports (with relative-import arithmetic), names with their context, assignments,
// returns, container elements, class bases, decorators, nodes and parse errors. No resolution.

import { stableId } from '../ir/stable-id.ts';
import type { ByteOffsets } from './byte-offsets.ts';
import { clip, exprInfo, fieldChild, namedChildren, textOf, type ExprInfo } from './expr-info.ts';
import type { FlatTree } from './flat-tree.ts';
import { resolveRelative } from './module-name.ts';
import type { TableRows } from './rows.ts';

export interface FileFacts {
  readonly path: string;
  readonly fileId: string;
  readonly module: string;
  readonly isPackage: boolean;
  readonly text: string;
  readonly offsets: ByteOffsets;
  /** UTF-16 index of each line start (rows as tree-sitter counts them). */
  readonly lineStarts: Uint32Array;
  /** Emit every named node into `nodes` (else only the nodes other rows point at are not listed). */
  readonly allNodes: boolean;
}

interface Scope {
  readonly id: string;
  readonly qn: string;
  readonly kind: string;
  /** The enclosing defs from the module down to this one (their own `chain`s are not kept). */
  readonly chain: readonly Scope[];
}

const COMPREHENSIONS: Record<string, string> = {
  list_comprehension: '<listcomp>', set_comprehension: '<setcomp>',
  dictionary_comprehension: '<dictcomp>', generator_expression: '<genexpr>',
};
const TARGET_GROUPS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'expression_list', 'list_splat_pattern', 'list_splat', 'as_pattern_target']);
const ELEMENT_VALUE_KINDS = new Set(['name', 'attribute', 'lambda']);

export function walkPython(t: FlatTree, f: FileFacts, out: TableRows): void {
  const src = f.text;
  const ids: (string | undefined)[] = new Array(t.count);
  const b = (i: number) => f.offsets.byte(t.start[i]!);
  const e = (i: number) => f.offsets.byte(t.end[i]!);
  const rowOf = (idx: number): number => {
    const ls = f.lineStarts;
    let lo = 0, hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= idx) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const line = (i: number) => rowOf(t.start[i]!) + 1;
  const col = (i: number) => f.offsets.lineCol(t.start[i]!, rowOf(t.start[i]!));
  /** node_id = stable_id(path, bstart, bend, kind): computable in rules from any row's span. */
  const nid = (i: number): string => (ids[i] ??= stableId(f.path, b(i), e(i), t.type[i]!));
  const txt = (i: number) => textOf(t, src, i);
  const valueDef = (i: number, info: ExprInfo) => (info.kind === 'lambda' ? nid(i) : null);

  /** Under `from __future__ import annotations` annotations are never evaluated: their names are read with ctx `annotation`. */
  let inAnnotation = false;
  const lazyAnnotations = namedChildren(t, 0).some((c) => t.type[c] === 'future_import_statement' && /\bannotations\b/.test(textOf(t, src, c)));
  const name = (i: number, scope: Scope, ctx: string): void => {
    out.names.push([nid(i), f.fileId, scope.id, txt(i), inAnnotation && ctx === 'load' ? 'annotation' : ctx, b(i), e(i), line(i), col(i)]);
  };
  const annotation = (i: number, scope: Scope): void => {
    inAnnotation = lazyAnnotations;
    visit(i, scope);
    inAnnotation = false;
  };

  const addDef = (i: number, kind: string, nm: string, qn: string, parent: Scope | null, nameNode: number, isAsync: boolean, decorators: readonly number[], nParams: number): Scope => {
    const id = nid(i);
    const chain: Scope[] = parent ? [...parent.chain] : [];
    out.scopes.push([id, f.fileId, id, kind, 0]);
    chain.forEach((a, k) => out.scopes.push([id, f.fileId, a.id, a.kind, chain.length - k]));
    const decoText = decorators.length ? decorators.map((d) => clip(txt(d).replace(/^@\s*/, ''))).join('\n') : null;
    out.defs.push([id, f.fileId, kind, nm, qn, parent ? parent.id : null, b(i), e(i), line(i), col(i),
      nameNode >= 0 ? b(nameNode) : null, nameNode >= 0 ? e(nameNode) : null, isAsync, decoText, nParams]);
    return { id, qn, kind, chain: [...chain, { id, qn, kind, chain: [] }] };
  };

  // --- parameters: rows in the def's scope; defaults and annotations are evaluated outside it
  const params = (ps: number, def: Scope, outer: Scope): number => {
    if (ps < 0) return 0;
    const kids = namedChildren(t, ps);
    const slash = kids.findIndex((k) => t.type[k] === 'positional_separator');
    let kwOnly = false;
    let pos = 0;
    kids.forEach((k, idx) => {
      const ty = t.type[k]!;
      if (ty === 'positional_separator') return;
      if (ty === 'keyword_separator') {
        kwOnly = true;
        return;
      }
      let nameNode = -1, typeNode = -1, valueNode = -1, kind = kwOnly ? 'keyword_only' : idx < slash ? 'positional_only' : 'positional';
      const star = (n: number) => {
        const ty2 = t.type[n];
        if (ty2 === 'list_splat_pattern') {
          kind = 'var_positional';
          kwOnly = true;
          return namedChildren(t, n)[0] ?? -1;
        }
        if (ty2 === 'dictionary_splat_pattern') {
          kind = 'var_keyword';
          return namedChildren(t, n)[0] ?? -1;
        }
        return n;
      };
      if (ty === 'identifier' || ty === 'list_splat_pattern' || ty === 'dictionary_splat_pattern') nameNode = star(k);
      else if (ty === 'default_parameter' || ty === 'typed_default_parameter') {
        nameNode = fieldChild(t, k, 'name');
        typeNode = fieldChild(t, k, 'type');
        valueNode = fieldChild(t, k, 'value');
      } else if (ty === 'typed_parameter') {
        nameNode = star(namedChildren(t, k)[0] ?? -1);
        typeNode = fieldChild(t, k, 'type');
      } else {
        visit(k, outer);
        return;
      }
      if (typeNode >= 0) annotation(typeNode, outer);
      if (valueNode >= 0) visit(valueNode, outer);
      if (nameNode < 0 || t.type[nameNode] !== 'identifier') return;
      out.params.push([def.id, f.fileId, pos++, txt(nameNode), kind, valueNode >= 0,
        typeNode >= 0 ? clip(txt(typeNode)) : null, valueNode >= 0 ? clip(txt(valueNode)) : null, b(k), e(k), line(k)]);
      name(nameNode, def, 'param');
    });
    return pos;
  };

  const countParams = (ps: number): number => {
    if (ps < 0) return 0;
    let n = 0;
    for (const k of namedChildren(t, ps)) if (t.type[k] !== 'positional_separator' && t.type[k] !== 'keyword_separator') n++;
    return n;
  };

  const decoratorRows = (def: Scope, decorators: readonly number[], outer: Scope): void => {
    decorators.forEach((d, pos) => {
      const x = namedChildren(t, d)[0];
      if (x === undefined) return;
      const isCall = t.type[x] === 'call';
      const target = isCall ? fieldChild(t, x, 'function') : x;
      const info = exprInfo(t, src, target >= 0 ? target : x);
      out.decorators.push([def.id, f.fileId, pos, info.text, info.head, info.parts, isCall, nid(x), b(d), e(d), line(d)]);
      visit(x, outer);
    });
  };

  const functionDef = (i: number, scope: Scope, decorators: readonly number[]): void => {
    const nameNode = fieldChild(t, i, 'name');
    const nm = nameNode >= 0 ? txt(nameNode) : '';
    const ps = fieldChild(t, i, 'parameters');
    const isAsync = t.firstChild[i]! >= 0 && t.type[t.firstChild[i]!] === 'async';
    const def = addDef(i, 'function', nm, `${scope.qn}.${nm}`, scope, nameNode, isAsync, decorators, countParams(ps));
    decoratorRows(def, decorators, scope);
    if (nameNode >= 0) name(nameNode, scope, 'def');
    params(ps, def, scope);
    for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) {
      const fl = t.field[c];
      if (fl === 'return_type') annotation(c, scope);
      else if (fl === 'type_parameters') visit(c, scope);
      else if (fl === 'body') visit(c, def);
    }
  };

  const classDef = (i: number, scope: Scope, decorators: readonly number[]): void => {
    const nameNode = fieldChild(t, i, 'name');
    const nm = nameNode >= 0 ? txt(nameNode) : '';
    const def = addDef(i, 'class', nm, `${scope.qn}.${nm}`, scope, nameNode, false, decorators, 0);
    decoratorRows(def, decorators, scope);
    if (nameNode >= 0) name(nameNode, scope, 'def');
    const sup = fieldChild(t, i, 'superclasses');
    if (sup >= 0) {
      namedChildren(t, sup).forEach((k, pos) => {
        let keyword: string | null = null;
        let v = k;
        if (t.type[k] === 'keyword_argument') {
          keyword = txt(fieldChild(t, k, 'name'));
          v = fieldChild(t, k, 'value');
        } else if (t.type[k] === 'list_splat') keyword = '*';
        else if (t.type[k] === 'dictionary_splat') keyword = '**';
        const info = exprInfo(t, src, v >= 0 ? v : k);
        out.class_bases.push([def.id, f.fileId, pos, keyword, info.text, info.head, info.attr, info.parts, b(k), e(k)]);
      });
      visit(sup, scope);
    }
    for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) {
      if (t.field[c] === 'type_parameters') visit(c, scope);
      else if (t.field[c] === 'body') visit(c, def);
    }
  };

  const lambdaCount = new Map<string, number>();
  const lambda = (i: number, scope: Scope): void => {
    const ps = fieldChild(t, i, 'parameters');
    // The n-th lambda of a scope is `<lambdaN>` in qualified names (unique, as call-graph tools name them).
    const n = (lambdaCount.get(scope.id) ?? 0) + 1;
    lambdaCount.set(scope.id, n);
    const def = addDef(i, 'lambda', '<lambda>', `${scope.qn}.<lambda${n}>`, scope, -1, false, [], countParams(ps));
    params(ps, def, scope);
    const body = fieldChild(t, i, 'body');
    if (body >= 0) visit(body, def);
  };

  const comprehension = (i: number, scope: Scope): void => {
    const nm = COMPREHENSIONS[t.type[i]!]!;
    const def = addDef(i, 'comprehension', nm, `${scope.qn}.${nm}`, scope, -1, false, [], 0);
    let first = true;
    for (const c of namedChildren(t, i)) {
      if (t.type[c] === 'for_in_clause') {
        for (let k = t.firstChild[c]!; k >= 0; k = t.nextSibling[k]!) {
          if (t.field[k] === 'left') target(k, def, 'store');
          else if (t.field[k] === 'right') visit(k, first ? scope : def);
          else if (t.named[k]) visit(k, def);
        }
        first = false;
      } else visit(c, def);
    }
  };

  const call = (i: number, scope: Scope): void => {
    const fn = fieldChild(t, i, 'function');
    const args = fieldChild(t, i, 'arguments');
    const info = fn >= 0 ? exprInfo(t, src, fn) : { kind: 'other', text: '', head: null, parts: null, attr: null, path: null };
    const receiver = fn >= 0 && t.type[fn] === 'attribute' ? fieldChild(t, fn, 'object') : -1;
    let nArgs = 0, nKw = 0, star = false;
    const argKids = args < 0 ? [] : t.type[args] === 'generator_expression' ? [args] : namedChildren(t, args);
    const id = nid(i);
    argKids.forEach((a, pos) => {
      const ty = t.type[a];
      let keyword: string | null = null;
      let v = a;
      if (ty === 'keyword_argument') {
        nKw++;
        keyword = txt(fieldChild(t, a, 'name'));
        v = fieldChild(t, a, 'value');
      } else if (ty === 'list_splat' || ty === 'dictionary_splat') {
        star = true;
        keyword = ty === 'list_splat' ? '*' : '**';
        v = namedChildren(t, a)[0] ?? a;
      } else nArgs++;
      if (v < 0) return;
      const vi = exprInfo(t, src, v);
      out.call_args.push([id, f.fileId, pos, keyword, vi.kind, vi.text, vi.head, vi.parts, vi.path, nid(v), valueDef(v, vi)]);
    });
    out.calls.push([id, f.fileId, scope.id, info.text, info.kind, info.head, info.attr, info.parts, info.path,
      receiver >= 0 ? clip(txt(receiver)) : null, fn >= 0 ? nid(fn) : id, nArgs, nKw, star, b(i), e(i), line(i), col(i)]);
    if (fn >= 0) visit(fn, scope);
    if (args >= 0) visit(args, scope);
  };

  const importRow = (spec: number, scope: Scope, kind: string, moduleText: string, level: number, imported: string | null, alias: string | null, bound: string | null, resolved: string | null): void => {
    out.imports.push([nid(spec), f.fileId, scope.id, kind, moduleText, level, imported, alias, bound, resolved, b(spec), e(spec), line(spec)]);
  };

  const importStatement = (i: number, scope: Scope): void => {
    for (const k of namedChildren(t, i)) {
      if (t.field[k] !== 'name') continue;
      const dotted = t.type[k] === 'aliased_import' ? fieldChild(t, k, 'name') : k;
      const aliasNode = t.type[k] === 'aliased_import' ? fieldChild(t, k, 'alias') : -1;
      const mod = txt(dotted).replace(/\s+/g, '');
      const alias = aliasNode >= 0 ? txt(aliasNode) : null;
      const boundNode = aliasNode >= 0 ? aliasNode : (namedChildren(t, dotted)[0] ?? dotted);
      importRow(k, scope, 'import', mod, 0, null, alias, alias ?? mod.split('.')[0]!, mod);
      name(boundNode, scope, 'import');
    }
  };

  const fromImport = (i: number, scope: Scope, future: boolean): void => {
    let moduleText = '__future__', level = 0;
    if (!future) {
      const m = fieldChild(t, i, 'module_name');
      if (m >= 0 && t.type[m] === 'relative_import') {
        for (const k of namedChildren(t, m)) {
          if (t.type[k] === 'import_prefix') level = t.end[k]! - t.start[k]!;
          else moduleText = txt(k).replace(/\s+/g, '');
        }
        if (moduleText === '__future__') moduleText = '';
      } else if (m >= 0) moduleText = txt(m).replace(/\s+/g, '');
    }
    const resolved = resolveRelative(f.module, f.isPackage, level, moduleText);
    const kind = level > 0 ? 'relative' : 'from';
    for (const k of namedChildren(t, i)) {
      if (t.type[k] === 'wildcard_import') {
        importRow(k, scope, 'star', moduleText, level, '*', null, null, resolved);
        continue;
      }
      if (t.field[k] !== 'name') continue;
      const dotted = t.type[k] === 'aliased_import' ? fieldChild(t, k, 'name') : k;
      const aliasNode = t.type[k] === 'aliased_import' ? fieldChild(t, k, 'alias') : -1;
      const imported = txt(dotted);
      const alias = aliasNode >= 0 ? txt(aliasNode) : null;
      importRow(k, scope, kind, moduleText, level, imported, alias, alias ?? imported, resolved);
      name(aliasNode >= 0 ? aliasNode : (namedChildren(t, dotted)[0] ?? dotted), scope, 'import');
    }
  };

  /** Binding targets: identifiers get `ctx`; attributes and subscripts are loads of their parts. */
  const target = (i: number, scope: Scope, ctx: string): void => {
    const ty = t.type[i]!;
    if (ty === 'identifier') name(i, scope, ctx);
    else if (TARGET_GROUPS.has(ty)) {
      for (const c of namedChildren(t, i)) target(c, scope, ctx);
    } else visit(i, scope);
  };

  const assignmentRows = (i: number, scope: Scope, targets: readonly number[], value: number, op: string): void => {
    const pairs: [number, number, number][] = [];
    for (const tg of targets) {
      const tk = namedChildren(t, tg);
      const vk = value >= 0 ? namedChildren(t, value) : [];
      const group = (x: number) => ['pattern_list', 'tuple_pattern', 'tuple', 'expression_list', 'list_pattern', 'list'].includes(t.type[x]!);
      if (value >= 0 && group(tg) && group(value) && tk.length === vk.length && tk.length > 0) tk.forEach((x, k) => pairs.push([x, vk[k]!, k]));
      else pairs.push([tg, value, 0]);
    }
    for (const [tg, v, pos] of pairs) {
      const ti = exprInfo(t, src, tg);
      const vi = v >= 0 ? exprInfo(t, src, v) : { kind: 'none', text: '', head: null, parts: null, attr: null, path: null };
      const targetKind = ti.kind === 'name' || ti.kind === 'attribute' || ti.kind === 'subscript' ? ti.kind : TARGET_GROUPS.has(t.type[tg]!) ? 'tuple' : 'other';
      out.assignments.push([stableId(f.path, b(i), e(i), 'assignment', b(tg), pos), f.fileId, scope.id, pos, ti.text, targetKind, ti.head, ti.parts, op,
        vi.kind, vi.text, vi.head, vi.parts, vi.path, v >= 0 ? nid(v) : nid(i), v >= 0 ? valueDef(v, vi) : null, b(tg), e(tg), line(tg)]);
    }
  };

  const assignment = (i: number, scope: Scope): void => {
    // a = b = v parses as assignment(a, assignment(b, v))
    const targets: number[] = [];
    let cur = i;
    let value = -1, annotationNode = -1;
    for (;;) {
      const l = fieldChild(t, cur, 'left');
      if (l >= 0) targets.push(l);
      annotationNode = fieldChild(t, cur, 'type');
      if (annotationNode >= 0) annotation(annotationNode, scope);
      const r = fieldChild(t, cur, 'right');
      if (r >= 0 && t.type[r] === 'assignment') {
        cur = r;
        continue;
      }
      value = r;
      break;
    }
    assignmentRows(i, scope, targets, value, value < 0 ? ':' : '=');
    if (value >= 0) visit(value, scope);
    for (const tg of targets) target(tg, scope, 'store');
  };

  const augmented = (i: number, scope: Scope): void => {
    const l = fieldChild(t, i, 'left');
    const r = fieldChild(t, i, 'right');
    const opNode = fieldChild(t, i, 'operator');
    if (l >= 0) assignmentRows(i, scope, [l], r, opNode >= 0 ? txt(opNode) : '?=');
    if (r >= 0) visit(r, scope);
    if (l >= 0) target(l, scope, 'store');
  };

  const returnRow = (i: number, scope: Scope, kind: string): void => {
    let v = namedChildren(t, i)[0] ?? -1;
    const vi = v >= 0 ? exprInfo(t, src, v) : null;
    if (v < 0) v = -1;
    out.returns.push([nid(i), f.fileId, scope.id, kind, vi?.kind ?? null, vi?.text ?? null, vi?.head ?? null, vi?.parts ?? null, vi?.path ?? null,
      v >= 0 ? nid(v) : null, v >= 0 && vi ? valueDef(v, vi) : null, b(i), e(i), line(i)]);
  };

  const elements = (i: number, scope: Scope): void => {
    const kind = t.type[i] === 'dictionary' ? 'dict' : t.type[i]!;
    namedChildren(t, i).forEach((c, pos) => {
      let key: string | null = null;
      let v = c;
      if (t.type[c] === 'pair') {
        const k = fieldChild(t, c, 'key');
        key = k >= 0 ? clip(txt(k)) : null;
        v = fieldChild(t, c, 'value');
      }
      if (v < 0) return;
      const vi = exprInfo(t, src, v);
      if (!ELEMENT_VALUE_KINDS.has(vi.kind)) return;
      out.elements.push([nid(i), f.fileId, scope.id, kind, pos, key, vi.kind, vi.text, vi.head, vi.parts, nid(v), valueDef(v, vi)]);
    });
  };

  const children = (i: number, scope: Scope): void => {
    for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) visit(c, scope);
  };

  /**
   * A `case` pattern: a lone name captures (store; `_` binds nothing), a dotted name is a value
   * or a class read at its head, keyword names of class patterns are not names, `*rest` and
   * `**kw` capture, anything else (literals, guards' expressions) is an expression.
   */
  function pattern(i: number, scope: Scope): void {
    const ty = t.type[i]!;
    const kids = namedChildren(t, i);
    switch (ty) {
      case 'dotted_name':
        if (kids.length === 1) {
          if (txt(kids[0]!) !== '_') name(kids[0]!, scope, 'store');
        } else if (kids.length > 1) name(kids[0]!, scope, 'load');
        return;
      case 'class_pattern':
        kids.forEach((k, n) => {
          if (n === 0 && t.type[k] === 'dotted_name') name(namedChildren(t, k)[0]!, scope, 'load');
          else pattern(k, scope);
        });
        return;
      case 'keyword_pattern':
        kids.forEach((k, n) => (n === 0 && t.type[k] === 'identifier' ? undefined : pattern(k, scope)));
        return;
      case 'splat_pattern':
        for (const k of kids) if (t.type[k] === 'identifier' && txt(k) !== '_') name(k, scope, 'store');
        return;
      case 'as_pattern': // `P as name`: the name is the last child (no field in a case)
        kids.forEach((k, n) => (n === kids.length - 1 && t.type[k] === 'identifier' ? name(k, scope, 'store') : pattern(k, scope)));
        return;
      case 'dict_pattern':
        for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) {
          if (!t.named[c]) continue;
          if (t.field[c] === 'key') visit(c, scope);
          else pattern(c, scope);
        }
        return;
      case 'case_pattern':
      case 'union_pattern':
      case 'list_pattern':
      case 'tuple_pattern':
        for (const k of kids) pattern(k, scope);
        return;
      default:
        visit(i, scope);
    }
  }

  function visit(i: number, scope: Scope): void {
    if (!t.named[i] || t.missing[i]) return;
    const ty = t.type[i]!;
    switch (ty) {
      case 'identifier':
        name(i, scope, 'load');
        return;
      case 'function_definition':
        functionDef(i, scope, []);
        return;
      case 'class_definition':
        classDef(i, scope, []);
        return;
      case 'decorated_definition': {
        const decos: number[] = [];
        let def = -1;
        for (const c of namedChildren(t, i)) {
          if (t.type[c] === 'decorator') decos.push(c);
          else if (t.field[c] === 'definition') def = c;
        }
        if (def >= 0 && t.type[def] === 'function_definition') functionDef(def, scope, decos);
        else if (def >= 0 && t.type[def] === 'class_definition') classDef(def, scope, decos);
        else children(i, scope);
        return;
      }
      case 'lambda':
        lambda(i, scope);
        return;
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        comprehension(i, scope);
        return;
      case 'call':
        call(i, scope);
        return;
      case 'import_statement':
        importStatement(i, scope);
        return;
      case 'import_from_statement':
        fromImport(i, scope, false);
        return;
      case 'future_import_statement':
        fromImport(i, scope, true);
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const c of namedChildren(t, i)) if (t.type[c] === 'identifier') name(c, scope, ty === 'global_statement' ? 'global' : 'nonlocal');
        return;
      case 'assignment':
        assignment(i, scope);
        return;
      case 'augmented_assignment':
        augmented(i, scope);
        return;
      case 'for_statement':
        for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) {
          if (t.field[c] === 'left') target(c, scope, 'store');
          else visit(c, scope);
        }
        return;
      case 'named_expression': {
        const n = fieldChild(t, i, 'name');
        const v = fieldChild(t, i, 'value');
        if (v >= 0) visit(v, scope);
        if (n < 0) return;
        // In a comprehension the target binds in the nearest enclosing scope that is not one
        // (PEP 572); each comprehension on the way holds it as nonlocal, as symtable says.
        const home = [...scope.chain].reverse().find((s) => s.kind !== 'comprehension') ?? scope;
        if (home.id !== scope.id && t.type[n] === 'identifier') {
          for (const s of scope.chain.slice(scope.chain.indexOf(home) + 1)) {
            out.names.push([stableId(f.path, b(n), e(n), 'walrus', s.id), f.fileId, s.id, txt(n), 'nonlocal', b(n), e(n), line(n), col(n)]);
          }
        }
        target(n, home, 'store');
        return;
      }
      case 'case_pattern':
        pattern(i, scope);
        return;
      case 'type_alias_statement': {
        // `type X = v` (3.12) binds X; tree-sitter also reads `type(x).a = v` as one, whose
        // left side is then not a name: the `type` keyword is the builtin read.
        const left = fieldChild(t, i, 'left');
        const inner = left >= 0 ? namedChildren(t, left)[0] ?? -1 : -1;
        if (inner >= 0 && t.type[inner] === 'identifier') {
          target(inner, scope, 'store');
          const right = fieldChild(t, i, 'right');
          if (right >= 0) visit(right, scope);
          return;
        }
        out.names.push([stableId(f.path, b(i), b(i) + 4, 'identifier'), f.fileId, scope.id, 'type', 'load', b(i), b(i) + 4, line(i), col(i)]);
        children(i, scope);
        return;
      }
      case 'as_pattern':
        for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) {
          if (t.field[c] === 'alias') target(c, scope, 'store');
          else visit(c, scope);
        }
        return;
      case 'delete_statement':
        for (const c of namedChildren(t, i)) target(c, scope, 'del');
        return;
      case 'return_statement':
        returnRow(i, scope, 'return');
        children(i, scope);
        return;
      case 'yield':
        returnRow(i, scope, t.firstChild[i]! >= 0 && t.nextSibling[t.firstChild[i]!]! >= 0 && t.type[t.nextSibling[t.firstChild[i]!]!] === 'from' ? 'yield_from' : 'yield');
        children(i, scope);
        return;
      case 'dictionary':
      case 'list':
      case 'set':
      case 'tuple':
        elements(i, scope);
        children(i, scope);
        return;
      case 'attribute':
        for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) if (t.field[c] !== 'attribute') visit(c, scope);
        return;
      case 'keyword_argument': {
        const v = fieldChild(t, i, 'value');
        if (v >= 0) visit(v, scope);
        return;
      }
      default:
        children(i, scope);
    }
  }

  const moduleName = f.module.split('.').pop()!;
  const mod = addDef(0, 'module', moduleName, f.module, null, -1, false, [], 0);
  children(0, mod);
  for (let i = 0; i < t.count; i++) {
    if (t.missing[i]) out.parse_errors.push([f.fileId, f.path, 'missing', t.type[i]!, b(i), e(i), line(i), col(i), `missing ${t.type[i]} at line ${line(i)}`]);
    else if (t.type[i] === 'ERROR') out.parse_errors.push([f.fileId, f.path, 'error', 'ERROR', b(i), e(i), line(i), col(i), `syntax error at line ${line(i)}`]);
  }
  if (f.allNodes) {
    for (let i = 0; i < t.count; i++) {
      if (!t.named[i]) continue;
      const p = t.parent[i]!;
      const r0 = rowOf(t.start[i]!), r1 = rowOf(t.end[i]!);
      out.nodes.push([nid(i), f.fileId, t.type[i]!, b(i), e(i), r0 + 1, f.offsets.lineCol(t.start[i]!, r0), r1 + 1, f.offsets.lineCol(t.end[i]!, r1), p >= 0 ? nid(p) : null]);
    }
  }
}
