import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

const DAY = 86_400_000;

/** docs/domain/cofinancing.md worked example: STAFF 80 000 € + OTHER_DIRECT 20 000 €, 15 % indirect, 95 %; own funds 5 600 € balance. */
const workedExample = (overrides: Record<string, unknown> = {}) => ({
  costOption: 'INDIRECT_15_STAFF',
  rateBp: 9500,
  lines: [
    { category: 'STAFF', amountCents: 8_000_000 },
    { category: 'OTHER_DIRECT', amountCents: 2_000_000 },
  ],
  resources: [
    { type: 'SELF', amountCents: 560_000 },
    { type: 'ESF_PLUS', amountCents: 10_640_000 },
  ],
  ...overrides,
});

describe('co-financing simulation (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  const simulate = (body: unknown) => ctx.t.http().post('/api/v1/cofinancing/simulate').send(body as object);

  /** A call through the API as a programme manager; published unless told otherwise. */
  async function callWith(overrides: Record<string, unknown>, publish = true): Promise<string> {
    const { token } = await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }));
    const auth = { Authorization: `Bearer ${token}` };
    const body = {
      reference: `AAP-SIM-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      title: 'Appel pour simulation',
      envelopeCents: 500_000_000,
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      costOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1500 }],
      evaluationGrid: { criteria: [{ code: 'C1', label: 'Besoin social', weight: 1, scaleMin: 0, scaleMax: 5 }] },
      ...overrides,
    };
    const created = await ctx.t.http().post('/api/v1/calls').set(auth).send(body).expect(201);
    if (publish) await ctx.t.http().post(`/api/v1/calls/${created.body.id}/publish`).set(auth).set('If-Match', '"1"').expect(200);
    return created.body.id;
  }

  it('computes the worked example of docs/domain/cofinancing.md for anyone, without an account, and stores nothing', async () => {
    const [before] = await ctx.owner.query(`SELECT (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM call) AS calls`);
    const res = await simulate(workedExample()).expect(200);
    expect(res.body).toEqual({
      directCostsCents: 10_000_000,
      flatRateCostsCents: 1_200_000,
      totalEligibleCostsCents: 11_200_000,
      maxEsfPlusCents: 10_640_000,
      requestedEsfPlusCents: 10_640_000,
      otherResourcesCents: 560_000,
      balanced: true,
      rateBp: 9500,
      flatRateBp: 1500,
      violations: [],
    });
    const [after] = await ctx.owner.query(`SELECT (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM call) AS calls`);
    expect(after).toEqual(before);
  });

  it('reports every violation of an unbalanced, over-asking plan at once', async () => {
    const res = await simulate(workedExample({ resources: [{ type: 'ESF_PLUS', amountCents: 11_000_000 }] })).expect(200);
    expect(res.body.balanced).toBe(false);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['ESF_EXCEEDS_RATE', 'PLAN_UNBALANCED']);
    expect(res.body.violations[0].message).toContain('106\u202f400,00\u202f€');
  });

  it("applies a published call's options, EU bounds and rate", async () => {
    const callId = await callWith({ maxRateBp: 8000, maxEuCents: 5_000_000, costOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1000 }] });
    const res = await simulate(workedExample({ callId, rateBp: undefined })).expect(200);
    expect(res.body).toMatchObject({ flatRateCostsCents: 800_000, totalEligibleCostsCents: 10_800_000, maxEsfPlusCents: 8_640_000, rateBp: 8000, flatRateBp: 1000 });
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['ESF_EXCEEDS_RATE', 'ESF_ABOVE_CALL_MAXIMUM', 'PLAN_UNBALANCED']);

    // The call's rate is a ceiling: asking for more is capped, and an option the call does not allow is reported.
    const capped = await simulate(workedExample({ callId, rateBp: 9500, costOption: 'INDIRECT_7_DIRECT' })).expect(200);
    expect(capped.body.rateBp).toBe(8000);
    expect(capped.body.violations.map((v: { code: string }) => v.code)).toContain('OPTION_NOT_ALLOWED_BY_CALL');
  });

  it('answers 404 for an unknown or unpublished call', async () => {
    await simulate(workedExample({ callId: '00000000-0000-4000-8000-000000000000' })).expect(404);
    const draft = await callWith({}, false);
    const res = await simulate(workedExample({ callId: draft })).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('refuses a negative or fractional amount with a 400 and its path, not a violation', async () => {
    const negative = await simulate(workedExample({ lines: [{ category: 'STAFF', amountCents: -100 }] })).expect(400);
    expect(negative.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(negative.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'lines[0].amountCents', code: 'TOO_SMALL' }] });
    const fractional = await simulate(workedExample({ resources: [{ type: 'SELF', amountCents: 12.5 }] })).expect(400);
    expect(fractional.body.errors).toEqual([expect.objectContaining({ path: 'resources[0].amountCents', code: 'NOT_AN_INTEGER' })]);
  });

  it('validates the rest of the request: rate required without a call, flat rate within the regulation, bounded arrays', async () => {
    const noRate = await simulate(workedExample({ rateBp: undefined })).expect(400);
    expect(noRate.body.errors[0].path).toBe('rateBp');
    const flat = await simulate(workedExample({ flatRateBp: 2000 })).expect(400);
    expect(flat.body.errors).toEqual([expect.objectContaining({ path: 'flatRateBp', code: 'TOO_LARGE' })]);
    const many = await simulate(workedExample({ lines: Array.from({ length: 201 }, () => ({ category: 'STAFF', amountCents: 1 })) })).expect(400);
    expect(many.body.errors[0]).toMatchObject({ path: 'lines', code: 'TOO_MANY_ITEMS' });
    const category = await simulate(workedExample({ lines: [{ category: 'TRAVEL', amountCents: 1 }] })).expect(400);
    expect(category.body.errors[0].path).toBe('lines[0].category');
    await simulate(workedExample({ costOption: 'LUMP_SUM' })).expect(400);
  });
});
