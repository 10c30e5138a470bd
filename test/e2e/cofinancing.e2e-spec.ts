import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

const DAY = 86_400_000;

/**
 * STAFF 80 000 € + participant allowances 20 000 €, 15 % indirect, 95 %; own funds 5 600 € balance. Under 200 000 € the
 * participant costs may stay at real cost beside the flat rate on staff (CPR art. 53(2), docs/domain/cost-options.md).
 */
const workedExample = (overrides: Record<string, unknown> = {}) => ({
  costOption: 'INDIRECT_15_STAFF',
  rateBp: 9500,
  lines: [
    { category: 'STAFF', amountCents: 8_000_000 },
    { category: 'PARTICIPANTS', amountCents: 2_000_000 },
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

  const simulate = (body: unknown) =>
    ctx.t
      .http()
      .post('/api/v1/cofinancing/simulate')
      .send(body as object);

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
      rateBasis: 'TOTAL_ELIGIBLE_COST',
      rateBaseCents: 11_200_000,
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
    expect(res.body).toMatchObject({
      flatRateCostsCents: 800_000,
      totalEligibleCostsCents: 10_800_000,
      maxEsfPlusCents: 8_640_000,
      rateBp: 8000,
      flatRateBp: 1000,
    });
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

  it('refuses, without a call, a rate above the programme maximum (95 %, Priority 6)', async () => {
    const res = await simulate(workedExample({ rateBp: 9600 })).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'rateBp', code: 'RATE_ABOVE_PROGRAMME_MAXIMUM' }] });
    expect(res.body.errors[0].message).toContain('95\u202f%');
    await simulate(workedExample({ rateBp: 9500 })).expect(200);
  });

  it('refuses the two plans of the issue under 200 000 € (CPR art. 53(2)): services under 15 % of staff, staff + other costs + services', async () => {
    const services = await simulate({
      costOption: 'INDIRECT_15_STAFF',
      rateBp: 9500,
      lines: [{ category: 'EXTERNAL_SERVICES', amountCents: 10_000_000 }],
      resources: [
        { type: 'ESF_PLUS', amountCents: 9_500_000 },
        { type: 'SELF', amountCents: 500_000 },
      ],
    }).expect(200);
    expect(services.body.violations.map((v: { code: string }) => v.code)).toEqual(['SCO_REQUIRED_UNDER_200K']);
    const mixedBody = {
      costOption: 'INDIRECT_15_STAFF',
      rateBp: 9500,
      lines: [
        { category: 'STAFF', amountCents: 6_000_000 },
        { category: 'OTHER_DIRECT', amountCents: 3_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 2_100_000 },
      ],
      resources: [
        { type: 'ESF_PLUS', amountCents: 11_400_000 },
        { type: 'SELF', amountCents: 600_000 },
      ],
    };
    const mixed = await simulate(mixedBody).expect(200);
    expect(mixed.body.violations.map((v: { code: string }) => v.code)).toEqual(['SCO_REQUIRED_UNDER_200K', 'SCO_REQUIRED_UNDER_200K']);
    // With State aid the rule does not apply (art. 53(2), second subparagraph).
    const aid = await simulate({ ...mixedBody, stateAid: true }).expect(200);
    expect(aid.body.violations).toEqual([]);
  });

  it("offers the call's unit costs and lump sums and applies its rate basis (CPR art. 53(1)(b)-(c), 112(2))", async () => {
    const callId = await callWith({
      rateBasis: 'PUBLIC_EXPENDITURE',
      costOptions: [
        { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
        { option: 'DRAFT_BUDGET', rateBp: 0 },
      ],
      simplifiedCosts: [
        {
          code: 'HEURE_ATELIER',
          kind: 'UNIT_COST',
          label: "Heure d'atelier",
          category: 'EXTERNAL_SERVICES',
          amountCents: 6_000,
          method: 'Calcul juste, équitable et vérifiable (art. 53(3)(a))',
        },
      ],
    });
    const call = await ctx.t.http().get(`/api/v1/calls/${callId}`).expect(200);
    expect(call.body).toMatchObject({
      rateBasis: 'PUBLIC_EXPENDITURE',
      regionCategory: null,
      simplifiedCosts: [expect.objectContaining({ code: 'HEURE_ATELIER', amountCents: 6_000 })],
    });
    const res = await simulate({
      callId,
      costOption: 'INDIRECT_15_STAFF',
      lines: [
        { category: 'STAFF', amountCents: 5_000_000 },
        { category: 'EXTERNAL_SERVICES', amountCents: 1_200_000, simplifiedCostCode: 'HEURE_ATELIER', quantity: 200 },
      ],
      resources: [
        { type: 'ESF_PLUS', amountCents: 6_000_000 },
        { type: 'PUBLIC', amountCents: 950_000 },
      ],
    }).expect(200);
    // Public expenditure basis: the EU amount E must satisfy E ≤ 95 % × (E + 9 500 €) → at most 180 500 €, capped by the total eligible cost; 60 000 € fits.
    expect(res.body).toMatchObject({ rateBasis: 'PUBLIC_EXPENDITURE', totalEligibleCostsCents: 6_950_000, maxEsfPlusCents: 6_950_000, violations: [] });
    const unknown = await simulate({
      callId,
      costOption: 'INDIRECT_15_STAFF',
      lines: [{ category: 'EXTERNAL_SERVICES', amountCents: 6_000, simplifiedCostCode: 'HEURE_INCONNUE', quantity: 1 }],
      resources: [],
    }).expect(200);
    expect(unknown.body.violations.map((v: { code: string }) => v.code)).toContain('SIMPLIFIED_COST_UNKNOWN');
    const draft = await simulate({ callId, costOption: 'DRAFT_BUDGET', lines: [{ category: 'OTHER_DIRECT', amountCents: 25_000_000 }], resources: [] }).expect(
      200,
    );
    expect(draft.body.violations.map((v: { code: string }) => v.code)).toContain('DRAFT_BUDGET_ABOVE_200K');
  });

  it('refuses a Priority 1 call at 95 %, and requires its category of region (CPR art. 112(3))', async () => {
    const { token } = await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }));
    const body = {
      reference: 'AAP-P1-95',
      title: 'Appel priorité 1',
      priority: 1,
      maxRateBp: 9500,
      envelopeCents: 500_000_000,
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      costOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 1500 }],
    };
    const auth = { Authorization: `Bearer ${token}` };
    const noRegion = await ctx.t.http().post('/api/v1/calls').set(auth).send(body).expect(400);
    expect(noRegion.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual(['regionCategory:REGION_CATEGORY_REQUIRED']);
    const tooHigh = await ctx.t
      .http()
      .post('/api/v1/calls')
      .set(auth)
      .send({ ...body, regionCategory: 'LESS_DEVELOPED' })
      .expect(400);
    expect(tooHigh.body.errors).toEqual([expect.objectContaining({ path: 'maxRateBp', code: 'RATE_ABOVE_PRIORITY_MAXIMUM' })]);
    expect(tooHigh.body.errors[0].message).toContain('85\u202f%');
    await ctx.t
      .http()
      .post('/api/v1/calls')
      .set(auth)
      .send({ ...body, regionCategory: 'LESS_DEVELOPED', maxRateBp: 8500 })
      .expect(201);
  });
});
