import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstUncrossableDirectory } from './path-access';

describe('firstUncrossableDirectory', () => {
  const NOBODY = 987_654; // owns nothing here

  it('finds the parent another user cannot enter', () => {
    const base = mkdtempSync(join(tmpdir(), 'essaim-access-'));
    chmodSync(base, 0o755);
    const closed = join(base, 'home');
    mkdirSync(join(closed, 'project', '.data'), { recursive: true });
    chmodSync(closed, 0o700);
    expect(firstUncrossableDirectory(join(closed, 'project', '.data', 'postgres'), NOBODY)).toBe(closed);
    chmodSync(closed, 0o711);
    expect(firstUncrossableDirectory(join(closed, 'project', '.data', 'postgres'), NOBODY)).toBeNull();
  });
});
