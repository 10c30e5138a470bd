import { Writable } from 'node:stream';
import { JsonLogger } from './json-logger';
import { withCorrelationId } from './request-context';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, stream };
}

describe("JsonLogger (pino behind Nest's LoggerService)", () => {
  it('writes one JSON object per line with level, context, role and the correlation id of the request', async () => {
    const { lines, stream } = capture();
    const logger = new JsonLogger('log', 'api', stream);
    await withCorrelationId('req-1234abcd', async () => {
      await Promise.resolve();
      logger.log('report ready', 'ReportExportHandler');
    });
    logger.warn('outside any request', 'Essaim');
    logger.debug('not at this level', 'X');
    logger.error('boom', 'Error: boom\n    at f (x.ts:1:1)', 'ProblemFilter');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'report ready', context: 'ReportExportHandler', role: 'api', correlationId: 'req-1234abcd' });
    expect(typeof lines[0]?.time).toBe('string');
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'outside any request' });
    expect(lines[1]).not.toHaveProperty('correlationId');
    expect(lines[2]).toMatchObject({ level: 'error', msg: 'boom', context: 'ProblemFilter', stack: expect.stringContaining('at f') });
  });
});
