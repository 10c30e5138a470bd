import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepTempFiles } from './sweep-temp-files';

describe('sweepTempFiles (real files)', () => {
  it('removes orphan .part and .tmp files older than the age limit, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'essaim-sweep-'));
    for (const d of ['uploads/.tmp', 'uploads/ab', 'documents', 'reports']) mkdirSync(join(dir, d), { recursive: true });
    const old = (Date.now() - 120_000) / 1000;
    const files = {
      oldPart: 'uploads/.tmp/a.part',
      newPart: 'uploads/.tmp/b.part',
      oldDocTmp: 'documents/.1234.abcd.tmp',
      oldReportTmp: 'reports/.5678.ef01.tmp',
      storedDoc: 'documents/1234.pdf',
      storedUpload: 'uploads/ab/ab12',
    };
    for (const f of Object.values(files)) writeFileSync(join(dir, f), 'x');
    for (const f of [files.oldPart, files.oldDocTmp, files.oldReportTmp, files.storedDoc, files.storedUpload]) utimesSync(join(dir, f), old, old);

    const removed = await sweepTempFiles(dir, 60_000);
    expect(removed.sort()).toEqual([files.oldDocTmp, files.oldReportTmp, files.oldPart].sort());
    expect(existsSync(join(dir, files.newPart))).toBe(true); // an upload in progress
    expect(existsSync(join(dir, files.storedDoc))).toBe(true);
    expect(existsSync(join(dir, files.storedUpload))).toBe(true);
  });

  it('copes with directories that do not exist yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'essaim-sweep-'));
    await expect(sweepTempFiles(dir, 0)).resolves.toEqual([]);
  });
});
