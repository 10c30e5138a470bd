import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTar, TAR_END, tarHeader, tarPadding } from '../domain/tar';

describe('ustar writer', () => {
  const entries = [
    { name: 'manifest.json', content: Buffer.from('{"a":1}') },
    { name: 'documents/convention-v1.pdf', content: Buffer.alloc(1500, 7) },
    { name: 'empty.txt', content: Buffer.alloc(0) },
  ];
  const archive = Buffer.concat([
    ...entries.flatMap((e) => [tarHeader(e.name, e.content.length, new Date('2027-01-01T00:00:00Z')), e.content, tarPadding(e.content.length)]),
    TAR_END,
  ]);

  it('reads back what it wrote', () => {
    expect(readTar(archive)).toEqual(entries);
    expect(archive.length % 512).toBe(0);
  });

  it('is read by the system tar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    writeFileSync(join(dir, 'a.tar'), archive);
    expect(
      execFileSync('tar', ['-tf', join(dir, 'a.tar')], { encoding: 'utf8' })
        .trim()
        .split('\n'),
    ).toEqual(entries.map((e) => e.name));
  });

  it('refuses names it cannot write safely', () => {
    expect(() => tarHeader('../etc/passwd é', 1, new Date())).toThrow(RangeError);
  });
});
