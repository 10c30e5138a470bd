import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { streamToTempFile } from './upload-stream';

const dir = mkdtempSync(join(tmpdir(), 'essaim-upload-'));
const opts = { maxBytes: 1024, headBytes: 4 };

describe('streamToTempFile (real files)', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown): void => void unhandled.push(e);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));
  afterEach(async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });

  it('writes every byte, hashes them and keeps the head', async () => {
    const up = await streamToTempFile(Readable.from([Buffer.from('%PDF-1.4 '), Buffer.from('hello')]), join(dir, 'ok.part'), opts);
    expect(up).toMatchObject({ sizeBytes: 14, head: Buffer.from('%PDF') });
    expect(existsSync(up.tempPath)).toBe(true);
  });

  it('rejects (never resolves, never crashes) when the temporary file cannot be created and its cleanup fails too', async () => {
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    // open() fails with ENOTDIR, and so does the rm() of the cleanup: formerly an unhandled rejection.
    await expect(streamToTempFile(Readable.from([Buffer.from('abc')]), join(notADir, 'x.part'), opts)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('rejects an empty source whose temporary file was never opened', async () => {
    await expect(streamToTempFile(Readable.from([]), join(dir, 'missing-dir', 'x.part'), opts)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops at the size limit and removes the temporary file', async () => {
    const path = join(dir, 'big.part');
    await expect(streamToTempFile(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), path, opts)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(existsSync(path)).toBe(false);
  });
});
