/**
 * A POSIX ustar archive, written entry by entry (header, content, zero padding to 512 bytes, two zero blocks at the
 * end): enough for an operation's archive, readable by every `tar`, with no dependency. Names are ASCII paths of at
 * most 100 bytes (the archive builds them itself).
 */
export const BLOCK = 512;

export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (!/^[A-Za-z0-9._\-/]{1,100}$/.test(name)) throw new RangeError(`tar entry name not allowed: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, 'ascii');
  h.write('0000644\0', 100, 8, 'ascii');
  h.write('0000000\0', 108, 8, 'ascii');
  h.write('0000000\0', 116, 8, 'ascii');
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 12, 'ascii');
  h.write(
    Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0') + '\0',
    136,
    12,
    'ascii',
  );
  h.write('        ', 148, 8, 'ascii');
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);
}

export const TAR_END = Buffer.alloc(BLOCK * 2, 0);

/** Reads a whole archive back (tests, verification of a stored archive): entry names and contents. */
export function readTar(buf: Buffer): { name: string; content: Buffer }[] {
  const out: { name: string; content: Buffer }[] = [];
  let off = 0;
  while (off + BLOCK <= buf.length) {
    const header = buf.subarray(off, off + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    off += BLOCK;
    out.push({ name, content: Buffer.from(buf.subarray(off, off + size)) });
    off += size + ((BLOCK - (size % BLOCK)) % BLOCK);
  }
  return out;
}
