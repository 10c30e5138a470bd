import { Agent, type IncomingHttpHeaders, request } from 'node:http';

export interface HttpAnswer {
  /** 0 when no answer came (connection error or timeout). */
  status: number;
  ms: number;
  body: string;
  headers: IncomingHttpHeaders;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** One request on a keep-alive agent, timed from the call to the last byte of the answer (as load.ts does). */
export function send(agent: Agent, url: URL, method: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const elapsed = (): number => Number(process.hrtime.bigint() - start) / 1e6;
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = request(
      {
        agent,
        method,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: elapsed(), body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', () => resolve({ status: 0, ms: elapsed(), body: '', headers: {} }));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: elapsed(), body: '', headers: {} }));
    req.end(payload);
  });
}
