// The Python files of a directory tree, in a stable order, with what could not be walked (a
// symlink loop, an unreadable directory or file) as problems rather than exceptions.

import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SourceFile {
  /** '/'-separated, relative to the built directory. */
  readonly relPath: string;
  readonly absPath: string;
}

export interface WalkProblem {
  readonly relPath: string;
  readonly kind: 'symlink_loop' | 'unreadable';
  readonly message: string;
}

/** Directories never descended into: caches, VCS metadata, virtual environments. */
const SKIPPED_DIRS = new Set(['__pycache__', '.git', '.hg', '.svn', '.venv', 'node_modules', '.tox', '.mypy_cache']);

export async function pythonFiles(root: string): Promise<{ files: SourceFile[]; problems: WalkProblem[] }> {
  const files: SourceFile[] = [];
  const problems: WalkProblem[] = [];
  const onPath = new Set<string>();
  const walk = async (abs: string, rel: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(abs);
    } catch (e) {
      problems.push({ relPath: rel || '.', kind: 'unreadable', message: `${rel || '.'}: cannot resolve: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      return;
    }
    if (onPath.has(real)) {
      problems.push({ relPath: rel, kind: 'symlink_loop', message: `${rel}: a symbolic link back to an enclosing directory (not followed)` });
      return;
    }
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (e) {
      problems.push({ relPath: rel || '.', kind: 'unreadable', message: `${rel || '.'}: cannot list: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      return;
    }
    onPath.add(real);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of entries) {
      const childAbs = path.join(abs, d.name);
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        try {
          const s = await stat(childAbs);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          problems.push({ relPath: childRel, kind: code === 'ELOOP' ? 'symlink_loop' : 'unreadable', message: `${childRel}: ${code === 'ELOOP' ? 'a symbolic link loop' : `a broken symbolic link (${code ?? String(e)})`}` });
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_DIRS.has(d.name)) await walk(childAbs, childRel);
      } else if (isFile && d.name.endsWith('.py')) files.push({ relPath: childRel, absPath: childAbs });
    }
    onPath.delete(real);
  };
  await lstat(root);
  await walk(path.resolve(root), '');
  return { files, problems };
}
