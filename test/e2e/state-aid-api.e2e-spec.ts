import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentDataRepository } from '../../src/modules/documents/document-data.repository';
import { documentTexts } from '../../src/modules/documents/document-texts';
import { conventionLayout, type ConventionTexts } from '../../src/modules/documents/render/convention.layout';
import { renderPdf } from '../../src/modules/documents/render/pdf-renderer';
import { completeDraft, createApplicant, createDraft, createOpenCall, createStaff, VALID_STATE_AID } from '../support/factories/application.factory';
import { pdfText } from '../support/pdf-text';
import { truncateAll, useTestApp } from '../support/test-app';

const GBER = { regime: 'GBER', gberArticle: '31', reference: 'SA.111726' };

/** State aid is required before submission and has its API section like the others (docs/domain/state-aid.md, issue 11 point 3). */
describe('state aid section: required at submission, API, access (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  /** A complete draft whose State aid section is then emptied (completeDraft declares « no State aid »). */
  async function undeclaredDraft() {
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    await ctx.owner.query(`DELETE FROM application_state_aid WHERE application_id = $1`, [id]);
    return { a, id };
  }
  const submit = (id: string, auth: Record<string, string>) =>
    ctx.t.http().post(`/api/v1/applications/${id}/submit`).set(auth).set('Idempotency-Key', randomUUID()).send({ attestation: true });

  it('refuses submission without a declaration (field error in French, checklist), then accepts it once declared', async () => {
    const { a, id } = await undeclaredDraft();
    const refused = await submit(id, a.auth).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'APPLICATION_INCOMPLETE', status: 422 });
    expect(refused.body.errors).toEqual([
      { path: 'stateAid.regime', code: 'REQUIRED', message: expect.stringContaining("Aides d'État : déclarez le régime applicable") },
    ]);
    expect((await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status).toBe('DRAFT');

    // The applicant's checklist names the section and links to it.
    const view = await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200);
    expect(view.body.checklist.sections.find((s: { key: string }) => s.key === 'stateAid')).toMatchObject({ label: "Aides d'État", complete: false });
    const page = await ctx.t.http().get(`/dossiers/${id}/deposer`).set('Cookie', a.session.cookie).set('Accept', 'text/html').expect(200);
    const list = page.text.slice(page.text.indexOf('id="liste-controle"'));
    expect(list).toContain(`href="/dossiers/${id}/aides-d-etat"`);
    expect(list.replace(/&#39;/g, "'")).toContain("Aides d'État : déclarez le régime applicable");

    const etag = view.headers.etag as string;
    await ctx.t.http().put(`/api/v1/applications/${id}/state-aid`).set(a.auth).set('If-Match', etag).send(VALID_STATE_AID).expect(200);
    const ok = await submit(id, a.auth).expect(200);
    const [{ snapshot }] = await ctx.owner.query(`SELECT snapshot FROM application_submission WHERE application_id = $1`, [id]);
    expect(snapshot.stateAid).toMatchObject({ regime: 'NONE', justification: VALID_STATE_AID.justification });
    expect(ok.body.status).toBe('SUBMITTED');
  });

  it('GET/PUT round trip with If-Match, problem+json refusals and an audit row; the instructor reads it; the convention prints it', async () => {
    const { a, id } = await undeclaredDraft();
    const api = () => ctx.t.http();
    const empty = await api().get(`/api/v1/applications/${id}/state-aid`).set(a.auth).expect(200);
    expect(empty.body).toMatchObject({ applicationId: id, declaration: null, summary: { declared: false, regimeLabel: 'Non déclaré' } });
    const etag = empty.headers.etag as string;
    expect(etag).toBe(`"${empty.body.version}"`);
    const put = (body: object, ifMatch?: string) => {
      const r = api().put(`/api/v1/applications/${id}/state-aid`).set(a.auth);
      return (ifMatch ? r.set('If-Match', ifMatch) : r).send(body);
    };

    const noPrecondition = await put(GBER).expect(428);
    expect(noPrecondition.headers['content-type']).toContain('application/problem+json');
    expect(noPrecondition.body.code).toBe('PRECONDITION_REQUIRED');
    expect((await put(GBER, `"${empty.body.version - 1}"`).expect(412)).body.code).toBe('PRECONDITION_FAILED');
    const unknown = await put({ regime: 'CHECKBOX' }, etag).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'regime', message: expect.stringContaining("Choisissez le régime d'aide d'État") })]);
    const incomplete = await put({ regime: 'GBER', reference: 'SA.111726', justification: 'Pas une aide' }, etag).expect(400);
    expect(incomplete.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'gberArticle:REQUIRED',
      'justification:NOT_APPLICABLE',
    ]);
    expect(incomplete.body.errors[0].message).toContain("Indiquez l'article du règlement (UE) n° 651/2014");
    // Over the de minimis ceiling with the ESF+ requested (106 400 €): refused on its field.
    const over = await put({ regime: 'DE_MINIMIS', deMinimisReceivedCents: 25_000_000 }, etag).expect(400);
    expect(over.body.errors).toEqual([expect.objectContaining({ path: 'deMinimisReceivedCents', code: 'DE_MINIMIS_CEILING_EXCEEDED' })]);
    expect(await ctx.owner.query(`SELECT 1 FROM application_state_aid WHERE application_id = $1`, [id])).toHaveLength(0);

    const saved = await put(GBER, etag).expect(200);
    expect(saved.headers.etag).toBe(`"${empty.body.version + 1}"`);
    expect(saved.body.declaration).toEqual({ regime: 'GBER', justification: null, gberArticle: '31', reference: 'SA.111726', deMinimisReceivedCents: null });
    expect(saved.body.summary.regimeLabel).toContain('651/2014');
    expect(saved.body.summary.retention.basis).toContain('dix ans');
    const [app] = await ctx.owner.query(`SELECT state_aid, version FROM application WHERE id = $1`, [id]);
    expect(app).toEqual({ state_aid: true, version: empty.body.version + 1 });
    // One audit row per save, with before and after (completeDraft's « no State aid » was the first, since deleted).
    const audit = await ctx.owner.query(`SELECT before, after FROM audit_log WHERE subject_id = $1 AND action = 'application.state_aid.updated' ORDER BY seq`, [
      id,
    ]);
    expect(audit.at(-1)).toEqual({ before: null, after: expect.objectContaining({ regime: 'GBER', gberArticle: '31', reference: 'SA.111726' }) });
    expect(audit).toHaveLength(2);
    // The old ETag is stale now.
    await put(VALID_STATE_AID, etag).expect(412);
    expect((await api().get(`/api/v1/applications/${id}/state-aid`).set(a.auth).expect(200)).body.declaration.regime).toBe('GBER');

    await submit(id, a.auth).expect(200);
    // Submitted: the section is no longer the applicant's to change (not flagged for complements).
    const late = await put(VALID_STATE_AID, saved.headers.etag as string);
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect((await api().get(`/api/v1/applications/${id}/state-aid`).set(a.auth).expect(200)).body.declaration.regime).toBe('GBER');

    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const read = await api().get(`/api/v1/applications/${id}/state-aid`).set(instructor.auth).expect(200);
    expect(read.body.declaration).toMatchObject({ regime: 'GBER', gberArticle: '31' });
    const seen = await api().get(`/instruction/dossiers/${id}`).set('Cookie', instructor.session.cookie).set('Accept', 'text/html').expect(200);
    expect(seen.text.replace(/&#39;/g, "'")).toMatch(/id="regime-aide">Aide exemptée de notification/);
    await api()
      .put(`/api/v1/applications/${id}/state-aid`)
      .set(instructor.auth)
      .set('If-Match', saved.headers.etag as string)
      .send(VALID_STATE_AID)
      .expect(403);

    // The convention the worker would render from these facts prints the regime's clause (PDF text, as a reader sees it).
    const facts = await new DocumentDataRepository(ctx.t.db).convention(id);
    const pdf = await renderPdf(
      conventionLayout({ ...facts, issuer: ctx.t.config.issuer, version: 1 }, documentTexts<ConventionTexts>('convention')),
      new Date(),
    );
    const file = join(tmpdir(), `convention-state-aid-${id}.pdf`);
    await writeFile(file, pdf);
    const text = (await pdfText(file)).text.replace(/\s+/g, ' ');
    expect(text).toContain("exemptée de notification en application de l'article 31 du règlement (UE) n° 651/2014");
    expect(text).toContain('SA.111726');
    expect(text).toContain('conserve les pièces justificatives pendant dix ans');
  });

  it('keeps the section to the dossier’s own applicants: another applicant gets 404, an anonymous caller 401', async () => {
    const a = await createApplicant(ctx.t, ctx.owner, 'Léa Porteuse');
    const stranger = await createApplicant(ctx.t, ctx.owner, 'Karim Porteur');
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, callId);
    const etag = (await ctx.t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200)).headers.etag as string;
    for (const res of [
      await ctx.t.http().get(`/api/v1/applications/${id}/state-aid`).set(stranger.auth),
      await ctx.t.http().put(`/api/v1/applications/${id}/state-aid`).set(stranger.auth).set('If-Match', etag).send(VALID_STATE_AID),
      await ctx.t.http().put(`/api/v1/applications/${id}/state-aid`).set(stranger.auth).send(VALID_STATE_AID),
    ])
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    // A draft is out of staff's reach too.
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    await ctx.t.http().get(`/api/v1/applications/${id}/state-aid`).set(instructor.auth).expect(404);
    await ctx.t.http().get(`/api/v1/applications/${id}/state-aid`).expect(401);
    expect(await ctx.owner.query(`SELECT 1 FROM application_state_aid WHERE application_id = $1`, [id])).toHaveLength(0);
  });
});
