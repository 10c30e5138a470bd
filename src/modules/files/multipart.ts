import fastifyMultipart, { type Multipart } from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/config';

/**
 * Reads the parts of a multipart request one at a time, streaming (never buffering a file). One reader per request,
 * shared by the CSRF hook below and the route handler, so a part peeked by the hook is handed on to the handler.
 */
export class MultipartReader {
  private readonly iterator: AsyncIterator<Multipart>;
  private pending: Multipart | null = null;
  private done = false;

  constructor(req: FastifyRequest) {
    this.iterator = req.parts();
  }

  async next(): Promise<Multipart | null> {
    if (this.pending) {
      const part = this.pending;
      this.pending = null;
      return part;
    }
    if (this.done) return null;
    const r = await this.iterator.next();
    if (r.done) this.done = true;
    return r.done ? null : r.value;
  }

  unshift(part: Multipart): void {
    this.pending = part;
  }

  /** Reads and drops whatever the handler left, so the client can finish sending (no stalled socket). */
  async drain(): Promise<void> {
    for (;;) {
      const part = await this.next().catch(() => null);
      if (!part) return;
      if (part.type === 'file') part.file.resume();
    }
  }
}

const READERS = new WeakMap<FastifyRequest, MultipartReader>();

export function multipartReader(req: FastifyRequest): MultipartReader {
  let reader = READERS.get(req);
  if (!reader) {
    reader = new MultipartReader(req);
    READERS.set(req, reader);
  }
  return reader;
}

/**
 * Page routes whose multipart form carries `_csrf` as its first field. Their handlers must read the parts through
 * {@link multipartReader} (the hook below has already started reading). Add a pattern here for a new upload page.
 */
export const CSRF_FIRST_FIELD_PATHS: readonly RegExp[] = [
  /^\/dossiers\/[0-9a-f-]{36}\/pieces$/,
  /^\/bilans\/[0-9a-f-]{36}\/participants$/,
  /^\/bilans\/[0-9a-f-]{36}\/lignes\/[0-9a-f-]{36}\/pieces$/,
  /^\/verifications\/[0-9a-f-]{36}\/reponse\/pieces$/,
  /^\/operations\/[0-9a-f-]{36}\/paiements\/iban$/,
  /^\/dossiers\/[0-9a-f-]{36}\/messages$/,
  /^\/instruction\/dossiers\/[0-9a-f-]{36}\/messages$/,
];

/**
 * Registers @fastify/multipart with Essaim's limits (one file of at most UPLOAD_MAX_BYTES, a few short fields), and
 * lets an HTML upload form prove its CSRF token: the access guard reads `_csrf` from the body, which a streamed
 * multipart request does not have yet. For cookie-authenticated posts to {@link CSRF_FIRST_FIELD_PATHS}, the first
 * part, when it is the `_csrf` field (the form puts it before the file), is read here and exposed as `req.body._csrf`;
 * nothing else is read. API clients send the token in the X-CSRF-Token header (or use a bearer token) instead.
 */
export async function registerMultipart(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.files.maxUploadBytes, files: 1, fields: 10, fieldSize: 4096, fieldNameSize: 100, parts: 11, headerPairs: 100 },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preValidation', async (req: FastifyRequest) => {
    const path = req.url.split('?')[0] ?? req.url;
    if (req.method !== 'POST' || !req.headers.cookie || !req.isMultipart() || !CSRF_FIRST_FIELD_PATHS.some((p) => p.test(path))) return;
    const reader = multipartReader(req);
    const first = await reader.next().catch(() => null);
    if (!first) return;
    if (first.type === 'field' && first.fieldname === '_csrf' && typeof first.value === 'string') {
      req.body = { _csrf: first.value };
    } else {
      reader.unshift(first);
    }
  });
  fastify.addHook('onResponse', async (req: FastifyRequest) => {
    const reader = READERS.get(req);
    if (reader) void reader.drain();
  });
}
