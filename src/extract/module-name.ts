// Dotted module names of files and the arithmetic of relative imports (purely syntactic).

/** `pkg/mod.py` → `pkg.mod`, `pkg/__init__.py` → `pkg` (a top-level `__init__.py` stays `__init__`). */
export function moduleOf(relPath: string): { module: string; isPackage: boolean } {
  const parts = relPath.replace(/\.pyi?$/, '').split('/');
  const isPackage = parts.length > 1 && parts[parts.length - 1] === '__init__';
  if (isPackage) parts.pop();
  return { module: parts.join('.'), isPackage };
}

/**
 * The absolute module a `from <dots><name> import …` names: the file's package (the module itself
 * for a package's `__init__`, else its parent), minus level-1 more parts, then `.name`. NULL when
 * the file is in no package or the dots go above the top package of the built directory.
 */
export function resolveRelative(module: string, isPackage: boolean, level: number, name: string): string | null {
  if (level === 0) return name;
  const parts = module.split('.');
  if (!isPackage) parts.pop();
  const keep = parts.length - (level - 1);
  if (parts.length === 0 || keep <= 0) return null;
  const base = parts.slice(0, keep);
  if (name !== '') base.push(name);
  return base.join('.');
}
