import { Inject, Injectable, Logger } from '@nestjs/common';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName } from '../../jobs/queues';

/** Where temporary files are written before their rename, and how they are named. */
const TEMP_PLACES: { dir: string[]; name: RegExp }[] = [
  { dir: ['uploads', '.tmp'], name: /\.part$/ },
  { dir: ['documents'], name: /^\..*\.tmp$/ },
  { dir: ['reports'], name: /^\..*\.tmp$/ },
];

/**
 * Removes temporary files a crash left behind (a process killed between write and rename or cleanup). Only files older
 * than FILES_TEMP_MAX_AGE_MS go, so an upload or an export in progress is never touched.
 */
@Injectable()
export class TempFilesSweeper implements JobHandler<typeof JobName.SweepTempFiles> {
  readonly jobName = JobName.SweepTempFiles;
  private readonly logger = new Logger(TempFilesSweeper.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  handle(): Promise<void> {
    return this.sweep().then(() => undefined);
  }

  async sweep(now = Date.now()): Promise<string[]> {
    const removed: string[] = [];
    for (const place of TEMP_PLACES) {
      const dir = join(this.config.files.dir, ...place.dir);
      const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return [] as string[];
        throw e;
      });
      for (const name of names.filter((n) => place.name.test(n))) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => null);
        if (!info?.isFile() || now - info.mtimeMs < this.config.files.tempMaxAgeMs) continue;
        await rm(path, { force: true });
        removed.push(join(...place.dir, name));
      }
    }
    if (removed.length) this.logger.warn(`removed ${removed.length} orphan temporary file(s)`);
    return removed;
  }
}
