import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', '..');
const OWNER = 'modules/applications/lifecycle/application-status.repository.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every `UPDATE application … SET …` statement of a file (up to its WHERE, RETURNING or the end of the string). */
function applicationUpdates(text: string): string[] {
  const found: string[] = [];
  const re = /UPDATE\s+(?:ONLY\s+)?application(?![\w])\s*(?:(?:AS\s+)?\w+\s+)?SET\b([\s\S]*?)(?:\bWHERE\b|\bRETURNING\b|`|$)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push(m[1] ?? '');
  return found;
}

const writesStatus = (text: string): boolean =>
  applicationUpdates(text).some((set) => /(^|[\s,])(?:\w+\.)?status\s*=/i.test(set)) || /\.update\(\s*['"`]?application['"`]?\s*,[^)]*\bstatus\s*:/i.test(text);

describe('application.status has one writer', () => {
  it('recognises the statements it looks for', () => {
    expect(writesStatus('em.query(`UPDATE application SET status = $3, version = version + 1 WHERE id = $1`)')).toBe(true);
    expect(writesStatus("`UPDATE application a\n   SET title = $2,\n       status = 'DRAFT' WHERE a.id = $1`")).toBe(true);
    expect(writesStatus("`UPDATE application SET version = version + 1 WHERE id = $1 AND status = 'DRAFT'`")).toBe(false);
    expect(writesStatus("`UPDATE application_status_history SET status = 'X'`")).toBe(false);
    expect(writesStatus('`UPDATE evaluation_assignment SET status = $5`')).toBe(false);
  });

  it(`is ${OWNER}, through ApplicationLifecycle: no other source file updates application.status`, () => {
    const writers = sources(SRC)
      .filter((f) => writesStatus(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f).split('\\').join('/'));
    expect(writers).toEqual([OWNER]);
  });
});
