import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/**
 * The repository explains itself (docs/README.md): no file may point at documents outside it, and every Markdown
 * page a file names must exist in the repository.
 */
const ROOT = join(__dirname, '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', '.git', 'coverage']);
const SCANNED = /\.(ts|js|mjs|cjs|md|njk|json|ya?ml|sh|html|css)$|^(Dockerfile|run)$/;
const SKIP_FILES = new Set(['package-lock.json']);

function repoFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) repoFiles(path, out);
    else if (SCANNED.test(name) && !SKIP_FILES.has(name)) out.push(path);
  }
  return out;
}

// Built from parts so that this file does not match itself.
const OUTSIDE = [new RegExp(['\\.\\.', 'shared'].join('/')), new RegExp(['', 'work', ''].join('/'))];

describe('the repository is self-contained', () => {
  const files = repoFiles(ROOT);
  const markdownNames = new Set(files.filter((f) => f.endsWith('.md')).map((f) => basename(f)));

  it('scans the docs and the sources', () => {
    expect(files.some((f) => relative(ROOT, f) === join('docs', 'architecture.md'))).toBe(true);
    expect(files.some((f) => relative(ROOT, f).startsWith('src' + '/'))).toBe(true);
  });

  it('has no path pointing outside the repository', () => {
    const offenders = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return OUTSIDE.some((re) => re.test(text)) ? [relative(ROOT, f)] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('names only Markdown pages that exist in the repository', () => {
    const missing: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8').replace(/https?:\/\/\S+/g, '');
      for (const match of text.matchAll(/[\w./-]*[\w-]+\.md\b/g)) {
        const ref = match[0];
        const found = ref.includes('/') ? existsSync(join(dirname(f), ref)) || existsSync(join(ROOT, ref)) : markdownNames.has(ref);
        if (!found) missing.push(`${relative(ROOT, f)}: ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
