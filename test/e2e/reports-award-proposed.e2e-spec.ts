import { INestApplicationContext } from '@nestjs/common';
import { parseString } from '@fast-csv/parse';
import type { Response } from 'supertest';
import { createOpenCall, createStaff } from '../support/factories/application.factory';
import { createProgrammedDossier } from '../support/factories/reports.factory';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';

function parse(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { delimiter: ';' })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A reduced award awaiting acceptance in the programming table (docs/domain/reports.md, issue 11 point 9). */
describe('programming table: reduced award awaiting acceptance (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker();
  });
  afterAll(() => worker.close());

  it('lists it with the amount proposed, as a proposal, without counting it as programmed; the list of operations leaves it out', async () => {
    const ma = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    const call = await createOpenCall(ctx.owner);
    const programmed = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000011',
      plan: { totalEligibleCents: 11_200_000, euCents: 10_640_000, otherResourcesCents: 560_000 },
      decision: { outcome: 'FAVORABLE', euCents: 10_640_000 },
    });
    const proposed = await createProgrammedDossier(ctx.owner, {
      callId: call.id,
      number: 'AAP-2026-000012',
      status: 'AWARD_PROPOSED',
      plan: { totalEligibleCents: 20_000_000, euCents: 19_000_000, otherResourcesCents: 1_000_000 },
      decision: { outcome: 'FAVORABLE', euCents: 15_000_000 },
    });
    const ready = async (type: string) => {
      const res = await ctx.t.http().post('/api/v1/reports').set(ma.auth).send({ type, format: 'CSV', callId: call.id }).expect(202);
      const report = await waitFor(async () => {
        const r = await ctx.t.http().get(`/api/v1/reports/${res.body.id}`).set(ma.auth).expect(200);
        if (r.body.status === 'FAILED') throw new Error(r.body.failureReason);
        return r.body.status === 'READY' ? r.body : null;
      }, 30_000);
      const bytes = (await ctx.t.http().get(`/api/v1/reports/${report.id}/content`).set(ma.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
      return parse(bytes.subarray(3).toString('utf8'));
    };

    const rows = await ready('PROGRAMMING_TABLE');
    const byNumber = new Map(rows.slice(1, -1).map((r) => [r[1], r]));
    expect([...byNumber.keys()]).toEqual([programmed.number, proposed.number]);
    // … EU, rate, other, decision, date, status, envelope, programmed to date, remaining.
    expect(byNumber.get(proposed.number)!.slice(8, 17)).toEqual([
      '150000,00',
      '75,00',
      '10000,00',
      'Favorable, montant réduit proposé',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'Proposé, en attente d’acceptation',
      '5000000,00',
      '106400,00', // the programmed dossier only
      '4893600,00',
    ]);
    const operations = await ready('OPERATIONS');
    expect(operations.slice(1, -1).map((r) => r[0])).toEqual([programmed.number]);
  });
});
