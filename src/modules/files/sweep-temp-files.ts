import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Where temporary files are written before their rename, and how they are named. */
const TEMP_PLACES: { dir: string[]; name: RegExp }[] = [
  { dir: ['uploads', '.tmp'], name: /\.part$/ },
  { dir: ['documents'], name: /^\..*\.tmp$/ },
  { dir: ['reports'], name: /^\..*\.tmp$/ },
  { dir: ['archives', '.tmp'], name: /\.tmp$/ },
];

/** Removes the temporary files under `filesDir` older than `maxAgeMs`; returns their paths relative to `filesDir`. */
export async function sweepTempFiles(filesDir: string, maxAgeMs: number, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const place of TEMP_PLACES) {
    const dir = join(filesDir, ...place.dir);
    const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    for (const name of names.filter((n) => place.name.test(n))) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs < maxAgeMs) continue;
      await rm(path, { force: true });
      removed.push(join(...place.dir, name));
    }
  }
  return removed;
}
