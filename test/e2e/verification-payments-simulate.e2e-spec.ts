import { createHash } from 'node:crypto';
import type { Role } from '../../src/modules/auth/roles';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

describe('verification sampling and payment simulations (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  async function bearer(roles: Role[]): Promise<Record<string, string>> {
    const { token } = await login(ctx.t, await createUser(ctx.owner, { roles }));
    return { Authorization: `Bearer ${token}` };
  }

  const payment = { euCeilingCents: 9_500_000, rateBp: 9_500, retainedEligibleCents: 2_000_000, otherResourcesCents: 0, paidCents: 2_850_000, kind: 'FINAL' };

  it('computes the amount due, the recovery and the released amount for an instructor, storing nothing', async () => {
    const auth = await bearer(['INSTRUCTOR']);
    const [before] = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log`);
    const res = await ctx.t.http().post('/api/v1/payments/simulate').set(auth).send(payment).expect(200);
    expect(res.body).toEqual({ euDueCents: 1_900_000, payableCents: 0, recoveryCents: 950_000, releasedCents: 7_600_000 });
    const interim = await ctx.t
      .http()
      .post('/api/v1/payments/simulate')
      .set(auth)
      .send({ ...payment, kind: 'INTERIM', retainedEligibleCents: 10_000_000, interimCapBp: 7_000 })
      .expect(200);
    expect(interim.body).toEqual({ euDueCents: 9_500_000, payableCents: 6_650_000 - 2_850_000, recoveryCents: 0, releasedCents: 0 });
    const [after] = await ctx.owner.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(after.n).toBe(before.n);
  });

  it('draws the sample of the issue rule: all lines over the threshold, the smallest SHA-256 keys among the others', async () => {
    const auth = await bearer(['PROGRAMME_MANAGER']);
    const lines = Array.from({ length: 40 }, (_, i) => ({
      id: `L${String(i).padStart(3, '0')}`,
      category: i % 2 ? 'STAFF' : 'OTHER_DIRECT',
      amountCents: i < 4 ? 600_000 : 10_000 + i,
    }));
    const body = { seed: 'seed-42', exhaustiveThresholdCents: 500_000, sampleRateBp: 1_000, minSampleSize: 5, lines };
    const res = await ctx.t.http().post('/api/v1/verification/sample/simulate').set(auth).send(body).expect(200);
    expect(res.body.exhaustive).toEqual(['L000', 'L001', 'L002', 'L003']);
    const key = (id: string) => createHash('sha256').update(`seed-42:${id}`).digest('hex');
    const expected = ['STAFF', 'OTHER_DIRECT'].flatMap((category) =>
      lines
        .filter((l) => l.category === category && l.amountCents < 500_000)
        .map((l) => l.id)
        .sort((a, b) => (key(a) < key(b) ? -1 : 1))
        .slice(0, 5),
    );
    expect(res.body.sampled).toEqual(expected.sort());
    const again = await ctx.t.http().post('/api/v1/verification/sample/simulate').set(auth).send(body).expect(200);
    expect(again.body).toEqual(res.body);
  });

  it('refuses applicants, evaluators and anonymous callers', async () => {
    for (const roles of [['APPLICANT'], ['EVALUATOR']] as const) {
      const auth = await bearer([...roles]);
      await ctx.t.http().post('/api/v1/payments/simulate').set(auth).send(payment).expect(403);
      await ctx.t
        .http()
        .post('/api/v1/verification/sample/simulate')
        .set(auth)
        .send({ seed: 's', exhaustiveThresholdCents: 0, sampleRateBp: 0, minSampleSize: 0, lines: [] })
        .expect(403);
    }
    await ctx.t.http().post('/api/v1/payments/simulate').send(payment).expect(401);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const auth = await bearer(['INSTRUCTOR']);
    const res = await ctx.t
      .http()
      .post('/api/v1/payments/simulate')
      .set(auth)
      .send({ ...payment, rateBp: 12_000, kind: 'ADVANCE', paidCents: 1.5 })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['kind', 'paidCents', 'rateBp']);
  });
});
