import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { at } from '../support/checked';

const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/** A valid Priority 6 call body, open from yesterday for 30 days. */
const callBody = (overrides: Record<string, unknown> = {}) => ({
  reference: `AAP-P6-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  title: 'Essaimage de dispositifs innovants',
  description: "Soutenir l'essaimage de projets socialement innovants.",
  envelopeCents: 500_000_000,
  opensAt: iso(-DAY),
  closesAt: iso(30 * DAY),
  minEuCents: 5_000_000,
  maxEuCents: 40_000_000,
  minDurationMonths: 12,
  maxDurationMonths: 36,
  eligibilityStart: '2026-01-01',
  eligibilityEnd: '2028-12-31',
  costOptions: [
    { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
    { option: 'REAL_COSTS', rateBp: 0 },
  ],
  requiredDocumentTypes: ['STATUTS', 'RIB'],
  targetPublics: ['JEUNES_NEET', 'HABITANTS_QPV'],
  allowedOperationTypes: ['ESSAIMAGE'],
  // Publication requires an evaluation grid.
  evaluationGrid: { criteria: [{ code: 'C1', label: 'Besoin social', weight: 1, scaleMin: 0, scaleMax: 5 }] },
  ...overrides,
});

describe('calls API (e2e)', () => {
  const ctx = useTestApp();
  let manager: string;
  let applicant: string;
  let instructor: string;

  beforeEach(async () => {
    await truncateAll(ctx.owner);
    manager = (await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }))).token;
    applicant = (await login(ctx.t, await createUser(ctx.owner, { roles: ['APPLICANT'] }))).token;
    instructor = (await login(ctx.t, await createUser(ctx.owner, { roles: ['INSTRUCTOR'] }))).token;
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const create = async (overrides: Record<string, unknown> = {}) =>
    (await ctx.t.http().post('/api/v1/calls').set(bearer(manager)).send(callBody(overrides)).expect(201)).body;
  const publish = async (id: string, version: number) =>
    (await ctx.t.http().post(`/api/v1/calls/${id}/publish`).set(bearer(manager)).set('If-Match', `"${version}"`).expect(200)).body;
  const auditOf = async (id: string) =>
    (await ctx.owner.query(`SELECT action, before, after FROM audit_log WHERE subject_type = 'call' AND subject_id = $1 ORDER BY seq`, [id])) as {
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];

  it('creates a DRAFT with the Priority 6 defaults, an ETag, a Location and an audit row', async () => {
    const res = await ctx.t
      .http()
      .post('/api/v1/calls')
      .set(bearer(manager))
      .send({
        reference: 'AAP-P6-2026-07',
        title: 'Appel minimal',
        envelopeCents: 100_000_000,
        opensAt: '2026-03-01T09:00:00+01:00',
        closesAt: '2026-03-31T12:00:00+02:00',
        costOptions: [{ option: 'INDIRECT_7_DIRECT', rateBp: 700 }],
      })
      .expect(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/calls/${res.body.id}`);
    expect(res.body).toMatchObject({
      reference: 'AAP-P6-2026-07',
      status: 'DRAFT',
      phase: null,
      publishedVersion: null,
      version: 1,
      priority: 6,
      maxRateBp: 9500,
      programmeCci: '2021FR05SFPR001',
      specificObjective: 'ESO4.8',
      interventionFieldCode: '138',
      fund: 'ESF_PLUS',
      minEuCents: 0,
      maxEuCents: null,
      eligibilityStart: '2021-01-01',
      eligibilityEnd: '2029-12-31',
      opensAt: '2026-03-01T08:00:00.000Z',
      closesAt: '2026-03-31T10:00:00.000Z',
      funderType: 'STATE',
      participantsExpected: true,
      evaluationGrid: null,
    });
    expect(Object.keys(res.body)).not.toContain('createdBy'); // a response DTO, not the entity
    expect((await auditOf(res.body.id)).map((a) => a.action)).toEqual(['call.created']);
  });

  it('stores every field and reads it back identically, including the evaluation grid', async () => {
    const grid = {
      criteria: [{ code: 'C1', label: 'Besoin social', weight: 3, scaleMin: 0, scaleMax: 5, threshold: 2, eliminatory: true }],
      overallThreshold: 10,
    };
    const body = callBody({ evaluationGrid: grid, funderType: 'COLLECTIVITE_TERRITORIALE', draftsBeforeOpening: true, participantsExpected: false });
    const created = await create(body);
    const read = await ctx.t.http().get(`/api/v1/calls/${created.id}`).set(bearer(manager)).expect(200);
    expect(read.headers.etag).toBe('"1"');
    const { opensAt, closesAt, ...rest } = body;
    expect(read.body).toMatchObject({ ...rest, opensAt: new Date(opensAt as string).toISOString(), closesAt: new Date(closesAt as string).toISOString() });
  });

  it('edits the execution settings of a draft (signature deadline, re-allocation tolerance, indicators), then locks them once published', async () => {
    const call = await create();
    expect(call).toMatchObject({
      signatureDeadlineDays: 30,
      reallocationToleranceBp: 1000,
      indicatorCodes: ['EECO02', 'EECO05', 'EECO12', 'EECR01', 'EECR04'],
    });
    const bad = await ctx.t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(manager))
      .set('If-Match', '"1"')
      .send({ signatureDeadlineDays: 0, reallocationToleranceBp: 10_001, indicatorCodes: ['EECO02', 'EECO99'] })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['indicatorCodes', 'reallocationToleranceBp', 'signatureDeadlineDays']);
    expect(bad.body.errors.find((e: { path: string }) => e.path === 'indicatorCodes').message).toContain('Indicateur inconnu');
    const ok = await ctx.t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(manager))
      .set('If-Match', '"1"')
      .send({ signatureDeadlineDays: 45, reallocationToleranceBp: 1500, indicatorCodes: ['EECO02', 'EECO07', 'EECR04'] })
      .expect(200);
    expect(ok.body).toMatchObject({ signatureDeadlineDays: 45, reallocationToleranceBp: 1500, indicatorCodes: ['EECO02', 'EECO07', 'EECR04'], version: 2 });
    const [row] = await ctx.owner.query(`SELECT signature_deadline_days, reallocation_tolerance_bp, indicator_codes FROM call WHERE id = $1`, [call.id]);
    expect(row).toEqual({ signature_deadline_days: 45, reallocation_tolerance_bp: 1500, indicator_codes: ['EECO02', 'EECO07', 'EECR04'] });
    expect((await auditOf(call.id)).at(-1)).toMatchObject({
      action: 'call.updated',
      after: { signatureDeadlineDays: 45, reallocationToleranceBp: 1500, indicatorCodes: ['EECO02', 'EECO07', 'EECR04'] },
    });
    await publish(call.id, 2);
    const locked = await ctx.t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(manager))
      .set('If-Match', '"3"')
      .send({ indicatorCodes: ['EECO02'] })
      .expect(409);
    expect(locked.body).toMatchObject({ code: 'EXECUTION_SETTINGS_LOCKED', errors: [{ path: 'indicatorCodes', code: 'EXECUTION_SETTINGS_LOCKED' }] });
  });

  it('answers 400 problem+json with field paths: types by the DTO, rules by the domain, all at once', async () => {
    const shape = await ctx.t
      .http()
      .post('/api/v1/calls')
      .set(bearer(manager))
      .send(callBody({ envelopeCents: -1, opensAt: '2026-03-01T09:00', costOptions: [{ option: 'INDIRECT_15_STAFF', rateBp: 'quinze' }], colour: 'blue' }))
      .expect(400);
    expect(shape.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(shape.body.code).toBe('VALIDATION_FAILED');
    expect(shape.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['envelopeCents', 'opensAt', 'costOptions[0].rateBp', 'colour']),
    );

    const rules = await ctx.t
      .http()
      .post('/api/v1/calls')
      .set(bearer(manager))
      .send(
        callBody({
          maxRateBp: 9600,
          closesAt: iso(-2 * DAY),
          eligibilityEnd: '2030-06-30',
          costOptions: [{ option: 'INDIRECT_7_DIRECT', rateBp: 800 }],
          evaluationGrid: { criteria: [{ code: 'C1', label: 'x', weight: 1, scaleMin: 5, scaleMax: 1 }] },
        }),
      )
      .expect(400);
    expect(rules.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'maxRateBp:RATE_ABOVE_PRIORITY_MAXIMUM',
      'closesAt:WINDOW_INVERTED',
      'eligibilityEnd:ELIGIBILITY_AFTER_PROGRAMME',
      'costOptions[0].rateBp:FLAT_RATE_ABOVE_REGULATION',
      'evaluationGrid.criteria[0].scale:INVALID_SCALE',
    ]);
    expect(rules.body.errors[0].message).toContain('95');
    const [{ count }] = await ctx.owner.query(`SELECT count(*)::int AS count FROM call`);
    expect(count).toBe(0);
  });

  it('refuses a duplicate reference with 409 on the reference field', async () => {
    await create({ reference: 'AAP-P6-DOUBLE' });
    const res = await ctx.t
      .http()
      .post('/api/v1/calls')
      .set(bearer(manager))
      .send(callBody({ reference: 'AAP-P6-DOUBLE' }))
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CALL_REFERENCE_TAKEN', errors: [{ path: 'reference', code: 'ALREADY_USED' }] });
  });

  it('lets only programme managers write: applicants get 403, anonymous callers 401', async () => {
    await ctx.t.http().post('/api/v1/calls').set(bearer(applicant)).send(callBody()).expect(403);
    await ctx.t.http().post('/api/v1/calls').send(callBody()).expect(401);
    const call = await create();
    await ctx.t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(instructor)).set('If-Match', '"1"').send({ title: 'Pirate' }).expect(403);
    await ctx.t.http().post(`/api/v1/calls/${call.id}/publish`).set(bearer(applicant)).set('If-Match', '"1"').expect(403);
  });

  it('hides drafts from everyone but the programme managers with a 404, and shows published calls to anyone', async () => {
    const call = await create();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const asApplicant = await ctx.t.http().get(`/api/v1/calls/${call.id}`).set(bearer(applicant)).expect(404);
    const missing = await ctx.t.http().get(`/api/v1/calls/${unknown}`).set(bearer(applicant)).expect(404);
    expect({ ...asApplicant.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    await ctx.t.http().get(`/api/v1/calls/${call.id}`).expect(404);
    await ctx.t.http().get('/api/v1/calls/not-a-uuid').expect(404);
    await ctx.t.http().get(`/api/v1/calls/${call.id}`).set(bearer(instructor)).expect(404);
    await ctx.t.http().get(`/api/v1/calls/${call.id}`).set(bearer(manager)).expect(200);

    await publish(call.id, 1);
    const open = await ctx.t.http().get(`/api/v1/calls/${call.id}`).expect(200);
    expect(open.body).toMatchObject({ status: 'PUBLISHED', phase: 'OPEN', publishedVersion: 1 });
    expect(open.headers.etag).toBe('"2"');
  });

  it('edits with If-Match: 428 without it, 412 when stale, then a new ETag and an audited diff', async () => {
    const call = await create({ title: 'Titre initial' });
    const missing = await ctx.t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(manager)).send({ title: 'Sans If-Match' }).expect(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    const ok = await ctx.t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(manager))
      .set('If-Match', '"1"')
      .send({ title: 'Titre corrigé', maxEuCents: null })
      .expect(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body).toMatchObject({ title: 'Titre corrigé', maxEuCents: null, version: 2, status: 'DRAFT' });

    const stale = await ctx.t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(manager)).set('If-Match', '"1"').send({ title: 'Écrasement' }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    await ctx.t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(manager)).set('If-Match', '*').send({ title: 'Joker' }).expect(428);
    await ctx.t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(manager)).set('If-Match', '"2"').send({ title: null }).expect(400);

    const read = await ctx.t.http().get(`/api/v1/calls/${call.id}`).set(bearer(manager)).expect(200);
    expect(read.body.title).toBe('Titre corrigé');
    const audit = await auditOf(call.id);
    expect(audit.map((a) => a.action)).toEqual(['call.created', 'call.updated']);
    expect(at(audit, 1, 'audit row').before).toEqual({ title: 'Titre initial', maxEuCents: 40_000_000 });
    expect(at(audit, 1, 'audit row').after).toEqual({ title: 'Titre corrigé', maxEuCents: null });
  });

  it('checks the merged rules on edit: a PATCH cannot break them', async () => {
    const call = await create();
    const res = await ctx.t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(manager)).set('If-Match', '"1"').send({ minEuCents: 50_000_000 }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'maxEuCents', code: 'EU_BOUNDS_INVERTED' })]);
  });

  it('publishes: rules frozen as call_version 1 with the audit row, in one step; a second publish is a 409', async () => {
    const call = await create();
    await ctx.t.http().post(`/api/v1/calls/${call.id}/publish`).set(bearer(manager)).expect(428);
    const published = await publish(call.id, 1);
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedVersion: 1, version: 2, phase: 'OPEN' });
    expect(published.publishedAt).toEqual(expect.any(String));

    const versions = await ctx.owner.query(`SELECT version, rules, published_by FROM call_version WHERE call_id = $1`, [call.id]);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, rules: { reference: call.reference, max_rate_bp: 9500, status: 'PUBLISHED', published_version: 1 } });
    expect(versions[0].published_by).toEqual(expect.any(String));
    const audit = await auditOf(call.id);
    expect(audit.map((a) => a.action)).toEqual(['call.created', 'call.published']);
    expect(at(audit, 1, 'audit row').after).toEqual({ publishedVersion: 1 });

    const again = await ctx.t.http().post(`/api/v1/calls/${call.id}/publish`).set(bearer(manager)).set('If-Match', '"2"').expect(409);
    expect(again.body.code).toBe('INVALID_STATUS_TRANSITION');
  });

  it('refuses to publish a call whose closing has passed, and changes nothing', async () => {
    const call = await create({ opensAt: iso(-10 * DAY), closesAt: iso(-DAY) });
    const res = await ctx.t.http().post(`/api/v1/calls/${call.id}/publish`).set(bearer(manager)).set('If-Match', '"1"').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'closesAt', code: 'CLOSING_IN_THE_PAST' })]);
    const [row] = await ctx.owner.query(
      `SELECT status, version, (SELECT count(*)::int FROM call_version WHERE call_id = c.id) AS versions FROM call c WHERE id = $1`,
      [call.id],
    );
    expect(row).toEqual({ status: 'DRAFT', version: 1, versions: 0 });
  });

  it('publishes a change to a published call as version 2; version 1 stays readable for the dossiers under it', async () => {
    const call = await create({ title: 'Version une' });
    await publish(call.id, 1);
    const res = await ctx.t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(manager))
      .set('If-Match', '"2"')
      .send({ title: 'Version deux', maxRateBp: 9000 })
      .expect(200);
    expect(res.body).toMatchObject({ title: 'Version deux', status: 'PUBLISHED', publishedVersion: 2, version: 3 });
    expect(res.headers.etag).toBe('"3"');

    const rows = await ctx.owner.query(
      `SELECT version, rules->>'title' AS title, (rules->>'max_rate_bp')::int AS rate FROM call_version WHERE call_id = $1 ORDER BY version`,
      [call.id],
    );
    expect(rows).toEqual([
      { version: 1, title: 'Version une', rate: 9500 },
      { version: 2, title: 'Version deux', rate: 9000 },
    ]);
    const v1 = await ctx.t.http().get(`/api/v1/calls/${call.id}/versions/1`).expect(200);
    expect(v1.body).toMatchObject({
      callId: call.id,
      version: 1,
      rules: { title: 'Version une', maxRateBp: 9500, envelopeCents: 500_000_000, costOptions: call.costOptions },
    });
    await ctx.t.http().get(`/api/v1/calls/${call.id}/versions/3`).expect(404);
    expect((await auditOf(call.id)).map((a) => a.action)).toEqual(['call.created', 'call.published', 'call.republished']);

    // An edit that changes nothing publishes nothing.
    const same = await ctx.t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(manager)).set('If-Match', '"3"').send({ title: 'Version deux' }).expect(200);
    expect(same.body).toMatchObject({ publishedVersion: 2, version: 3 });
  });

  describe('listing', () => {
    it('lists open calls to anyone by the server clock: no drafts, no closed, no upcoming calls', async () => {
      const open = await create({ reference: 'OUVERT' });
      await publish(open.id, 1);
      await create({ reference: 'BROUILLON' });
      const upcoming = await create({ reference: 'A-VENIR', opensAt: iso(5 * DAY), closesAt: iso(40 * DAY) });
      await publish(upcoming.id, 1);
      // Closed by the clock alone: published while open, closing instant now in the past, no job involved.
      await ctx.owner.query(
        `INSERT INTO call (reference, title, envelope_cents, opens_at, closes_at, cost_options, status, published_version, published_at)
         VALUES ('CLOS', 'Appel clos', 100000000, now() - interval '30 days', now() - interval '1 second', '[{"option":"REAL_COSTS","rateBp":0}]', 'PUBLISHED', 1, now() - interval '30 days')`,
      );

      const refs = async (query: string, token?: string) => {
        const req = ctx.t.http().get(`/api/v1/calls${query}`);
        if (token) void req.set(bearer(token));
        return ((await req.expect(200)).body.items as { reference: string }[]).map((c) => c.reference);
      };
      expect(await refs('?status=open')).toEqual(['OUVERT']);
      expect(await refs('?status=upcoming')).toEqual(['A-VENIR']);
      expect(await refs('?status=closed')).toEqual(['CLOS']);
      expect((await refs('')).sort()).toEqual(['A-VENIR', 'CLOS', 'OUVERT']);
      expect((await refs('', instructor)).sort()).toEqual(['A-VENIR', 'CLOS', 'OUVERT']);
      expect((await refs('', manager)).sort()).toEqual(['A-VENIR', 'BROUILLON', 'CLOS', 'OUVERT']);
      expect(await refs('?status=draft', manager)).toEqual(['BROUILLON']);

      const item = (await ctx.t.http().get('/api/v1/calls?status=open').expect(200)).body.items[0];
      expect(item).toMatchObject({ reference: 'OUVERT', status: 'PUBLISHED', phase: 'OPEN', envelopeCents: 500_000_000, publishedVersion: 1 });
    });

    it('keeps the draft listing to staff: 401 anonymous, 403 applicant', async () => {
      expect((await ctx.t.http().get('/api/v1/calls?status=draft').expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect((await ctx.t.http().get('/api/v1/calls?status=draft').set(bearer(applicant)).expect(403)).body.code).toBe('FORBIDDEN');
    });

    it('pages with a keyset cursor, soonest closing first, without duplicates', async () => {
      for (let i = 1; i <= 5; i++) {
        const c = await create({ reference: `PAGE-${i}`, closesAt: iso((10 + i) * DAY) });
        await publish(c.id, 1);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/calls?status=open&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await ctx.t.http().get(url).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((c: { reference: string }) => c.reference));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['PAGE-1', 'PAGE-2', 'PAGE-3', 'PAGE-4', 'PAGE-5']);
    });

    it('validates limit, status and cursor', async () => {
      const limit = await ctx.t.http().get('/api/v1/calls?limit=101').expect(400);
      expect(limit.body.errors[0].path).toBe('limit');
      await ctx.t.http().get('/api/v1/calls?status=archived').expect(400);
      const cursor = await ctx.t.http().get('/api/v1/calls?status=open&cursor=garbage').expect(400);
      expect(cursor.body.errors[0]).toMatchObject({ path: 'cursor', code: 'INVALID_CURSOR' });
    });
  });
});
