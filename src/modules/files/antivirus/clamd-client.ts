import { open } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';

export type ClamdAddress = { readonly socket: string } | { readonly host: string; readonly port: number };

export type ScanVerdict = { infected: false } | { infected: true; signature: string };

/** clamd could not give a verdict (away, overloaded, stream too large for its StreamMaxLength): never "clean". */
export class ScannerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`antivirus unavailable: ${message}`, options);
    this.name = 'ScannerUnavailableError';
  }
}

/** clamd's largest INSTREAM chunk is bounded by StreamMaxLength; 64 KiB chunks stay far below any setting. */
const CHUNK = 64 * 1024;

/**
 * A client of clamd's INSTREAM command (clamd(8)): `zINSTREAM\0`, then chunks each prefixed by its length as a 4-byte
 * big-endian integer, then a zero length; clamd answers `stream: OK` or `stream: <signature> FOUND`. No package: the
 * protocol is these few lines, and the bytes never leave this machine's clamd.
 */
export class ClamdClient {
  constructor(
    private readonly address: ClamdAddress,
    private readonly timeoutMs: number,
  ) {}

  /** Opens the file first: a file that cannot be read is the caller's storage problem, not clamd's. */
  async scanFile(path: string): Promise<ScanVerdict> {
    const handle = await open(path, 'r');
    return this.scan(handle.createReadStream({ highWaterMark: CHUNK }));
  }

  /** A failure of `source` rejects with its own error (not ScannerUnavailableError), and never goes unhandled. */
  async scan(source: Readable): Promise<ScanVerdict> {
    let sourceError: Error | null = null;
    source.on('error', (e: Error) => (sourceError ??= e)); // an error before the connection is up must not crash the process
    const answer = await this.exchange(async (socket) => {
      await write(socket, Buffer.from('zINSTREAM\0'));
      if (sourceError) throw new SourceFailed(sourceError);
      for await (const chunk of readChunks(source)) {
        for (let at = 0; at < chunk.length; at += CHUNK) {
          const part = chunk.subarray(at, at + CHUNK);
          const size = Buffer.alloc(4);
          size.writeUInt32BE(part.length);
          await write(socket, Buffer.concat([size, part]));
        }
      }
      await write(socket, Buffer.alloc(4));
    }).finally(() => source.destroy()); // also when clamd was never reached: the file handle is closed
    return parseVerdict(answer);
  }

  async ping(): Promise<boolean> {
    return (await this.exchange((socket) => write(socket, Buffer.from('zPING\0')))) === 'PONG';
  }

  /** Opens a connection, lets `send` write, and reads clamd's NUL-terminated answer. */
  private exchange(send: (socket: Socket) => Promise<void>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const socket = 'socket' in this.address ? connect(this.address.socket) : connect(this.address.port, this.address.host);
      const chunks: Buffer[] = [];
      let done = false;
      const finish = (error: Error | null, answer?: string): void => {
        if (done) return;
        done = true;
        socket.destroy();
        if (error instanceof SourceFailed) reject(error.cause);
        else if (error) reject(error instanceof ScannerUnavailableError ? error : new ScannerUnavailableError(error.message, { cause: error }));
        else resolve(answer!);
      };
      socket.setTimeout(this.timeoutMs, () => finish(new Error(`no answer within ${this.timeoutMs} ms`)));
      socket.on('error', (e) => finish(e));
      socket.on('data', (d: Buffer) => {
        chunks.push(d);
        const all = Buffer.concat(chunks);
        const end = all.indexOf(0);
        if (end >= 0) finish(null, all.subarray(0, end).toString('utf8').trim());
      });
      socket.on('end', () => finish(null, Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim()));
      socket.once('connect', () => {
        send(socket).catch((e: Error) => finish(e));
      });
    });
  }
}

/** The bytes to scan could not be read: reported as that error, not as the scanner's. */
class SourceFailed extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

async function* readChunks(source: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) yield chunk;
  } catch (e) {
    throw new SourceFailed(e as Error);
  } finally {
    source.destroy();
  }
}

/** `stream: OK`, `stream: Eicar-Signature FOUND`; anything else (`… ERROR`) is no verdict. */
export function parseVerdict(answer: string): ScanVerdict {
  const text = answer.replace(/^\d+: /, '');
  if (/^stream: OK$/.test(text)) return { infected: false };
  const [, signature] = /^stream: (.+) FOUND$/.exec(text) ?? [];
  if (signature) return { infected: true, signature };
  throw new ScannerUnavailableError(`unexpected answer "${text.slice(0, 200)}"`);
}

function write(socket: Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(new Error('connection closed by clamd'));
    socket.write(data, (e) => (e ? reject(e) : resolve()));
  });
}
