"""Facts Python itself knows about source files, for relc's extraction oracle
(test/oracle-python.test.ts): defs from `ast`, parameters from `ast`, and per scope the names
`symtable` says are bound and read. One JSON line per file: path, then the facts; files Python
cannot compile get an "error" field. Paths are read from stdin, one per line, relative to argv[1]."""
import ast
import json
import os
import symtable
import sys

COMPS = {ast.ListComp: '<listcomp>', ast.SetComp: '<setcomp>', ast.DictComp: '<dictcomp>', ast.GeneratorExp: '<genexpr>'}
TABLE_NAMES = {'listcomp': '<listcomp>', 'setcomp': '<setcomp>', 'dictcomp': '<dictcomp>', 'genexpr': '<genexpr>', 'lambda': '<lambda>'}


def module_of(rel):
    parts = rel[:-3].split('/')
    if parts[-1] == '__init__':
        parts = parts[:-1]
    return '.'.join(parts)


def defs_of(tree, module):
    out = []

    def visit(node, chain, named):
        for child in ast.iter_child_nodes(node):
            kind = name = None
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                kind, name = 'function', child.name
            elif isinstance(child, ast.ClassDef):
                kind, name = 'class', child.name
            elif isinstance(child, ast.Lambda):
                kind, name = 'lambda', '<lambda>'
            elif type(child) in COMPS:
                kind, name = 'comprehension', COMPS[type(child)]
            if kind is None:
                visit(child, chain, named)
                continue
            qn = '.'.join([module] + chain + [name]) if named and kind in ('function', 'class') else None
            params = None
            if kind in ('function', 'lambda'):
                a = child.args
                params = [p.arg for p in a.posonlyargs + a.args] + ([a.vararg.arg] if a.vararg else []) + [p.arg for p in a.kwonlyargs] + ([a.kwarg.arg] if a.kwarg else [])
            out.append({'kind': kind, 'name': name, 'line': child.lineno, 'col': child.col_offset, 'qualified_name': qn, 'params': params})
            visit(child, chain + [name], named and kind in ('function', 'class'))

    visit(tree, [], True)
    return out


def scopes_of(table):
    out = []

    def visit(t):
        kind = t.get_type()
        name = TABLE_NAMES.get(t.get_name(), t.get_name()) if kind != 'module' else '<module>'
        syms = t.get_symbols()
        out.append({
            'name': name, 'line': t.get_lineno() if kind != 'module' else 0,
            'bound': sorted(s.get_name() for s in syms if s.is_assigned() or s.is_imported() or s.is_parameter() or (s.is_namespace() and s.is_local())),
            'read': sorted(s.get_name() for s in syms if s.is_referenced()),
            'global': sorted(s.get_name() for s in syms if s.is_declared_global()),
            'nonlocal': sorted(s.get_name() for s in syms if s.is_nonlocal()),
        })
        for c in t.get_children():
            visit(c)

    visit(table)
    return out


def main():
    root = sys.argv[1]
    for rel in sys.stdin.read().split('\n'):
        if not rel:
            continue
        data = open(os.path.join(root, rel), 'rb').read()
        try:
            tree = ast.parse(data, rel)
            table = symtable.symtable(data.decode('utf-8'), rel, 'exec')
        except (SyntaxError, UnicodeDecodeError, ValueError) as e:
            print(json.dumps({'path': rel, 'error': type(e).__name__}))
            continue
        print(json.dumps({'path': rel, 'defs': defs_of(tree, module_of(rel)), 'scopes': scopes_of(table)}))


main()
