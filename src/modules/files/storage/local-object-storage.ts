import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type ObjectStorage, StoredObjectMissingError } from './object-storage';

/**
 * Objects as files under the files directory (`FILES_DIR/<key>`). Every write goes to a hidden `.…tmp` file beside
 * its target and is renamed into place, so a key never names a half-written file; what a crash leaves behind is
 * removed by the sweep of temporary files (sweep-temp-files.ts).
 */
export class LocalObjectStorage implements ObjectStorage {
  readonly driver = 'local';

  constructor(private readonly root: string) {}

  async put(key: string, body: Readable | Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = tempBeside(target);
    try {
      if (Buffer.isBuffer(body))
        await pipeline(
          async function* () {
            yield body;
          },
          createWriteStream(tmp, { flags: 'wx', mode: 0o600 }),
        );
      else await pipeline(body, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  async putFile(key: string, path: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(path, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      // Another filesystem (a temp dir elsewhere): copy beside the target, then rename, so the key stays atomic.
      const tmp = tempBeside(target);
      await copyFile(path, tmp);
      await rename(tmp, target);
      await rm(path, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(key));
    await new Promise<void>((resolve, reject) =>
      stream.once('open', () => resolve()).once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new StoredObjectMissingError(key) : e)),
    );
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  private pathOf(key: string): string {
    return join(this.root, assertStorageKey(key));
  }
}

/** `.name.<random>.tmp` in the target's directory: the pattern the temporary-file sweep looks for. */
function tempBeside(target: string): string {
  const base = target.slice(dirname(target).length + 1);
  return join(dirname(target), `.${base}.${randomBytes(6).toString('hex')}.tmp`);
}
