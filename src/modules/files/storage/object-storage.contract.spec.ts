import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type LocalS3, startLocalS3 } from '../../../../test/support/s3-server';
import { classifyInfrastructureError } from '../../../common/errors/infrastructure-errors';
import { LocalObjectStorage } from './local-object-storage';
import { type ObjectStorage, StoredObjectMissingError } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';

async function text(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/** The same contract for every driver: what the uploads, documents and exports code relies on. */
function contract(name: string, setup: () => Promise<{ storage: ObjectStorage; close: () => Promise<void> }>): void {
  describe(`ObjectStorage contract: ${name}`, () => {
    let storage: ObjectStorage;
    let close: () => Promise<void>;
    const scratch = mkdtempSync(join(tmpdir(), 'essaim-objects-scratch-'));

    beforeAll(async () => ({ storage, close } = await setup()));
    afterAll(async () => {
      await close();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('puts a buffer and reads it back, with its size', async () => {
      await storage.put('documents/a1.pdf', Buffer.from('%PDF-1.7 contract'), { contentType: 'application/pdf' });
      expect((await text(await storage.get('documents/a1.pdf'))).toString()).toBe('%PDF-1.7 contract');
      expect(await storage.size('documents/a1.pdf')).toBe(17);
      expect(await storage.exists('documents/a1.pdf')).toBe(true);
    });

    it('puts a stream of several megabytes (multipart on S3) byte for byte', async () => {
      const big = Buffer.alloc(11 * 1024 * 1024);
      for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
      await storage.put('reports/big.csv', Readable.from([big.subarray(0, 3), big.subarray(3)]));
      expect(await storage.size('reports/big.csv')).toBe(big.length);
      expect((await text(await storage.get('reports/big.csv'))).equals(big)).toBe(true);
    });

    it('stores a local file and consumes it', async () => {
      const path = join(scratch, 'upload.part');
      writeFileSync(path, 'uploaded bytes');
      await storage.putFile('uploads/ab/abcdef01-2345-4678-9abc-def012345678', path);
      expect(readdirSync(scratch)).toEqual([]);
      expect((await text(await storage.get('uploads/ab/abcdef01-2345-4678-9abc-def012345678'))).toString()).toBe('uploaded bytes');
    });

    it('replaces an object whole', async () => {
      await storage.put('documents/r.pdf', Buffer.from('first version'));
      await storage.put('documents/r.pdf', Buffer.from('second'));
      expect((await text(await storage.get('documents/r.pdf'))).toString()).toBe('second');
    });

    it('reports a missing object before any byte: get rejects, size is null, exists is false', async () => {
      await expect(storage.get('documents/missing.pdf')).rejects.toBeInstanceOf(StoredObjectMissingError);
      expect(await storage.size('documents/missing.pdf')).toBeNull();
      expect(await storage.exists('documents/missing.pdf')).toBe(false);
    });

    it('deletes, and deleting twice is not an error', async () => {
      await storage.put('documents/d.pdf', Buffer.from('x'));
      await storage.delete('documents/d.pdf');
      await storage.delete('documents/d.pdf');
      expect(await storage.exists('documents/d.pdf')).toBe(false);
    });

    it('refuses keys that could leave its namespace', async () => {
      for (const key of ['../etc/passwd', '/abs/key', 'documents/../../x', 'nodir', 'documents/']) {
        await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow('invalid storage key');
      }
    });
  });
}

contract('local filesystem', async () => {
  const root = mkdtempSync(join(tmpdir(), 'essaim-objects-'));
  return { storage: new LocalObjectStorage(root), close: async () => rmSync(root, { recursive: true, force: true }) };
});

contract('S3 (s3rver on loopback)', async () => {
  const s3: LocalS3 = await startLocalS3();
  const storage = new S3ObjectStorage(s3.options);
  return {
    storage,
    close: async () => {
      storage.destroy();
      await s3.close();
    },
  };
});

describe('S3 driver with the store away', () => {
  it('fails with an error the api maps to 503, not a hang', async () => {
    const storage = new S3ObjectStorage({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      bucket: 'essaim-test',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
      prefix: '',
    });
    const error = await storage.get('documents/x.pdf').catch((e: unknown) => e);
    expect(classifyInfrastructureError(error)).not.toBeNull();
    storage.destroy();
  });
});
