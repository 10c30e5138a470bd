import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Uploads, generated documents and exports are kept only through the ObjectStorage port (local folder or S3,
 * docs/architecture.md "Stockage des fichiers"): a direct filesystem write or read elsewhere in src/ would work with
 * the local driver and silently break with S3. The files listed here write local scratch files or a development
 * mailbox, never a kept file; adding one is a review decision.
 */
const ROOT = join(__dirname, '..', '..');
const FS_BYTES = /\b(writeFile|writeFileSync|createWriteStream|createReadStream|rename|renameSync|copyFile|appendFile)\s*\(/;
const ALLOWED = new Set([
  'src/modules/files/storage/local-object-storage.ts', // the local driver itself
  'src/modules/files/storage/s3-object-storage.ts', // streams a scratch file to the bucket
  'src/modules/files/upload-stream.ts', // receives an upload into a scratch file
  'src/modules/files/antivirus/clamd-client.ts', // reads the scratch file for clamd
  'src/modules/reports/export/table-writers.ts', // CSV/XLSX into a scratch file, then ObjectStorage.putFile
  'src/modules/reports/report-export.handler.ts', // hashes that scratch file
  'src/modules/reports/report-generator.ts', // PDF reports into a scratch file
  'src/modules/payments/closure/archive.handler.ts', // the closure archive's scratch tar
  'src/modules/mail/transport/folder-transport.ts', // the development mailbox (MAIL_DIR), not files
]);

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

describe('files go through the storage port', () => {
  it('no source outside the reviewed list reads or writes file bytes with node:fs', () => {
    const offenders = tsFiles(join(ROOT, 'src'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
          .filter(({ line }) => FS_BYTES.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
