import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ClamdClient, parseVerdict, ScannerUnavailableError } from './clamd-client';

describe('clamd answers', () => {
  it('reads OK, FOUND and errors', () => {
    expect(parseVerdict('stream: OK')).toEqual({ infected: false });
    expect(parseVerdict('stream: Win.Test.EICAR_HDB-1 FOUND')).toEqual({ infected: true, signature: 'Win.Test.EICAR_HDB-1' });
    expect(() => parseVerdict('INSTREAM size limit exceeded. ERROR')).toThrow(ScannerUnavailableError);
    expect(() => parseVerdict('')).toThrow(ScannerUnavailableError);
  });
});

/** A fake clamd on a unix socket that decodes INSTREAM chunks as the real one does, to check the framing. */
describe('ClamdClient INSTREAM framing', () => {
  let server: Server;
  const socket = join(mkdtempSync(join(tmpdir(), 'essaim-fake-clamd-')), 'clamd.sock');
  const received: Buffer[] = [];

  beforeAll(async () => {
    server = createServer((conn) => {
      let buf = Buffer.alloc(0);
      let command: string | null = null;
      const body: Buffer[] = [];
      conn.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        if (command === null) {
          const end = buf.indexOf(0);
          if (end < 0) return;
          command = buf.subarray(0, end).toString();
          buf = buf.subarray(end + 1);
          if (command === 'zPING') return void conn.end('PONG\0');
        }
        while (buf.length >= 4) {
          const size = buf.readUInt32BE(0);
          if (size === 0) {
            const all = Buffer.concat(body);
            received.push(all);
            return void conn.end(all.includes('VIRUS') ? 'stream: Fake.Virus FOUND\0' : 'stream: OK\0');
          }
          if (buf.length < 4 + size) return;
          body.push(buf.subarray(4, 4 + size));
          buf = buf.subarray(4 + size);
        }
      });
    });
    await new Promise<void>((r) => server.listen(socket, () => r()));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends every byte in length-prefixed chunks and reads the verdict', async () => {
    const client = new ClamdClient({ socket }, 5000);
    expect(await client.ping()).toBe(true);
    const big = Buffer.alloc(200_000, 7);
    expect(await client.scan(Readable.from([big, Buffer.from('tail')]))).toEqual({ infected: false });
    expect(received.at(-1)!.equals(Buffer.concat([big, Buffer.from('tail')]))).toBe(true);
    expect(await client.scan(Readable.from([Buffer.from('a VIRUS here')]))).toEqual({ infected: true, signature: 'Fake.Virus' });
  });

  it("reports an unreadable file as that file's error, not the scanner's, and never as an unhandled error", async () => {
    const client = new ClamdClient({ socket }, 5000);
    await expect(client.scanFile(join(tmpdir(), 'no-such-upload.part'))).rejects.toMatchObject({ code: 'ENOENT' });
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('disk gone'), { code: 'EIO' }));
      },
    });
    await expect(client.scan(failing)).rejects.toMatchObject({ code: 'EIO' });
  });

  it('gives no verdict when clamd is away (never "clean")', async () => {
    const client = new ClamdClient({ socket: join(tmpdir(), 'no-such-clamd.sock') }, 1000);
    await expect(client.scan(Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(ScannerUnavailableError);
  });
});
