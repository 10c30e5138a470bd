import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The first directory on the way to `path` that a user who neither owns it nor belongs to its group cannot cross
 * (no "others" execute bit), or null. Started as root, embedded PostgreSQL runs as the `postgres` system user, which
 * needs that right on every parent of its data directory and binaries (e.g. a project under /root, mode 0700).
 */
export function firstUncrossableDirectory(path: string, userUid: number): string | null {
  const chain: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    chain.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const dir of chain) {
    let info;
    try {
      info = statSync(dir);
    } catch {
      return null; // not created yet: its parent was crossable, and it will be created for the user
    }
    if (info.isDirectory() && info.uid !== userUid && (info.mode & 0o001) === 0) return dir;
  }
  return null;
}
