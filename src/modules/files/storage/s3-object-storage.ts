import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { assertStorageKey, type ObjectStorage, StoredObjectMissingError } from './object-storage';

export interface S3StorageOptions {
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key`: what most non-AWS providers and local servers need. */
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several installations. */
  prefix: string;
}

/**
 * Objects in an S3-compatible bucket (the object stores of the French public cloud providers speak this API). Uploads
 * are streamed in parts (`@aws-sdk/lib-storage`), so a large export is never held in memory; an object becomes
 * visible only when its upload completes. The bucket stays private: the api streams every download itself.
 */
export class S3ObjectStorage implements ObjectStorage {
  readonly driver = 's3';
  readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint ?? undefined,
      forcePathStyle: options.forcePathStyle,
      credentials: options.accessKeyId ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
      // Fail over to a 503 quickly rather than hold requests while the store is away.
      maxAttempts: 3,
    });
  }

  async put(key: string, body: Readable | Buffer, opts: { contentType?: string } = {}): Promise<void> {
    await new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key: this.keyOf(key), Body: body, ContentType: opts.contentType ?? 'application/octet-stream' },
      queueSize: 2,
      leavePartsOnError: false,
    }).done();
  }

  async putFile(key: string, path: string, opts: { contentType?: string } = {}): Promise<void> {
    await this.put(key, createReadStream(path), opts);
    await rm(path, { force: true });
  }

  async get(key: string): Promise<Readable> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }));
      return answer.Body as Readable;
    } catch (e) {
      if (isMissing(e)) throw new StoredObjectMissingError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }));
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }));
      return head.ContentLength ?? 0;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  destroy(): void {
    this.client.destroy();
  }

  private keyOf(key: string): string {
    return this.options.prefix + assertStorageKey(key);
  }
}

function isMissing(e: unknown): boolean {
  if (e instanceof NoSuchKey || e instanceof NotFound) return true;
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
}
